//! Which document each app window holds, apart from any window toolkit:
//! whether a window has unsaved changes (closing it then asks first), the
//! documents waiting for the new window opened for each of them, the labels
//! new windows get (`doc-<n>`), the file named on the command line (for the
//! main window), and the offer of what a crashed run left in its autosave
//! slots. The shell creates the windows through the callbacks given here.

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use ivr_flow::model::Flow;
use serde::Serialize;

use crate::session::{Autosaved, Session, Slot};

/// What a window starts with.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(rename = "StartupDocument")]
pub enum Startup {
    /// The file named on the command line: the window opens it (main only).
    File { path: PathBuf },
    /// A document opened for this window (imported or restored): it starts
    /// as an unsaved document that saves to `path` when it has one.
    Document { path: Option<PathBuf>, flow: Flow },
}

/// A window that could not be opened for a document.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("could not open a window for {name:?}: {message}")]
pub struct WindowError {
    /// The document's flow name.
    pub name: String,
    pub message: String,
}

/// The app's windows and their documents.
#[derive(Debug, Default)]
pub struct Documents {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    dirty: HashSet<String>,
    parked: HashMap<String, Autosaved>,
    startup: Option<PathBuf>,
    /// The number of the last `doc-<n>` label given.
    last: u64,
    /// The slots offered by [`Documents::offer_recovery`], with what they held.
    offered: Vec<(Slot, Autosaved)>,
}

impl Documents {
    /// The state at start-up: the main window will open `startup` (the file
    /// named on the command line), if any.
    pub fn new(startup: Option<PathBuf>) -> Documents {
        Documents {
            inner: Mutex::new(Inner {
                startup,
                ..Inner::default()
            }),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The state stays consistent between statements, so a panic elsewhere
        // leaves it usable.
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Remembers whether the window `label` has unsaved changes.
    pub fn set_dirty(&self, label: &str, dirty: bool) {
        let mut inner = self.lock();
        if dirty {
            inner.dirty.insert(label.to_string());
        } else {
            inner.dirty.remove(label);
        }
    }

    /// Whether the window `label` has unsaved changes.
    pub fn is_dirty(&self, label: &str) -> bool {
        self.lock().dirty.contains(label)
    }

    /// Forgets the window `label` (it was closed).
    pub fn closed(&self, label: &str) {
        let mut inner = self.lock();
        inner.dirty.remove(label);
        inner.parked.remove(label);
    }

    /// What the window `label` starts with, once: the command-line file for
    /// the main window, the document opened for any other.
    pub fn startup(&self, slot: &Slot) -> Option<Startup> {
        let mut inner = self.lock();
        if slot.is_main() {
            inner.startup.take().map(|path| Startup::File { path })
        } else {
            inner
                .parked
                .remove(slot.label())
                .map(|doc| Startup::Document {
                    path: doc.path,
                    flow: doc.flow,
                })
        }
    }

    /// A new window label, `doc-<n>`: none that `taken` says a window has,
    /// none waiting for its window, none with an autosave slot in `session`
    /// (a crashed run's slot is kept until it is restored or discarded).
    fn next_label(&self, session: &Session, taken: &dyn Fn(&str) -> bool) -> Slot {
        loop {
            let label = {
                let mut inner = self.lock();
                inner.last += 1;
                let label = format!("doc-{}", inner.last);
                if inner.parked.contains_key(&label) {
                    continue;
                }
                label
            };
            let Ok(slot) = Slot::new(&label) else {
                continue;
            };
            if !taken(&label) && !session.has_slot(&slot) {
                return slot;
            }
        }
    }

    /// Opens each of `docs` in a new window: gives it a label, keeps the
    /// document for the window to ask for ([`Documents::startup`]) and in the
    /// window's autosave slot (so a crash before it loads loses nothing), then
    /// has `create` make the window. Stops at the first window that fails.
    /// Returns the new windows' slots.
    pub fn open<E: Display>(
        &self,
        session: &Session,
        docs: Vec<Autosaved>,
        taken: &dyn Fn(&str) -> bool,
        create: &mut dyn FnMut(&Slot, &Autosaved) -> Result<(), E>,
    ) -> Result<Vec<Slot>, WindowError> {
        let mut opened = Vec::new();
        for doc in docs {
            let slot = self.next_label(session, taken);
            self.lock()
                .parked
                .insert(slot.label().to_string(), doc.clone());
            // The window's own autosave retries if this fails.
            let _ = session.autosave(&slot, &doc);
            if let Err(e) = create(&slot, &doc) {
                self.lock().parked.remove(slot.label());
                let _ = session.clear_autosave(&slot);
                return Err(WindowError {
                    name: doc.flow.name,
                    message: e.to_string(),
                });
            }
            opened.push(slot);
        }
        Ok(opened)
    }

    /// What a run that did not close cleanly left, offered to the main window
    /// at start-up: its own slot first, then every slot no window of this run
    /// holds (`live` says which labels have a window). Damaged slots are
    /// skipped. Other windows are offered nothing.
    pub fn offer_recovery(
        &self,
        session: &Session,
        caller: &Slot,
        live: &dyn Fn(&str) -> bool,
    ) -> Vec<Autosaved> {
        if !caller.is_main() {
            return Vec::new();
        }
        let mut inner = self.lock();
        let offered: Vec<(Slot, Autosaved)> = session
            .slots()
            .into_iter()
            .filter(|s| s == caller || !(live(s.label()) || inner.parked.contains_key(s.label())))
            .filter_map(|s| session.recovery(&s).map(|doc| (s, doc)))
            .collect();
        inner.offered = offered.clone();
        offered.into_iter().map(|(_, doc)| doc).collect()
    }

    /// Restores the offer: the first document is the caller's (it loads it
    /// itself; its copy moves to the caller's slot), each other one opens in
    /// a new window as [`Documents::open`] does, and the slots they came from
    /// are cleared once they are safe in their new ones.
    pub fn restore_recovery<E: Display>(
        &self,
        session: &Session,
        caller: &Slot,
        taken: &dyn Fn(&str) -> bool,
        create: &mut dyn FnMut(&Slot, &Autosaved) -> Result<(), E>,
    ) -> Result<Vec<Slot>, WindowError> {
        let offered = std::mem::take(&mut self.lock().offered);
        let mut rest = offered.into_iter();
        if let Some((slot, doc)) = rest.next()
            && &slot != caller
            && session.autosave(caller, &doc).is_ok()
        {
            let _ = session.clear_autosave(&slot);
        }
        let mut opened = Vec::new();
        for (slot, doc) in rest {
            opened.extend(self.open(session, vec![doc], taken, create)?);
            let _ = session.clear_autosave(&slot);
        }
        Ok(opened)
    }

    /// Declines the offer: every offered slot is cleared.
    pub fn decline_recovery(&self, session: &Session) -> Result<(), crate::FileError> {
        let offered = std::mem::take(&mut self.lock().offered);
        for (slot, _) in offered {
            session.clear_autosave(&slot)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::RefCell;

    fn named(name: &str) -> Autosaved {
        let mut flow = ivr_flow::starter_flow();
        flow.name = name.into();
        Autosaved { path: None, flow }
    }

    fn session() -> (tempfile::TempDir, Session) {
        let dir = tempfile::tempdir().unwrap();
        let s = Session::new(dir.path().join("data"));
        (dir, s)
    }

    fn label(s: &Slot) -> &str {
        s.label()
    }

    /// A pretend window system: the labels of the windows it made.
    #[derive(Default)]
    struct Screen(RefCell<Vec<String>>);

    impl Screen {
        fn has(&self, label: &str) -> bool {
            self.0.borrow().iter().any(|l| l == label)
        }
        fn create(&self, slot: &Slot, _doc: &Autosaved) -> Result<(), String> {
            self.0.borrow_mut().push(slot.label().to_string());
            Ok(())
        }
    }

    #[test]
    fn dirty_is_per_window_and_forgotten_on_close() {
        let d = Documents::new(None);
        d.set_dirty("main", true);
        assert!(d.is_dirty("main"));
        assert!(!d.is_dirty("doc-1"));
        d.set_dirty("doc-1", true);
        d.set_dirty("main", false);
        assert!(!d.is_dirty("main"));
        assert!(d.is_dirty("doc-1"));
        d.closed("doc-1");
        assert!(!d.is_dirty("doc-1"));
    }

    #[test]
    fn opened_documents_wait_for_their_own_window_and_are_kept_safe() {
        let (_t, s) = session();
        let d = Documents::new(Some(PathBuf::from("/f/start.ivr.json")));
        let screen = Screen::default();
        let slots = d
            .open(
                &s,
                vec![named("Two"), named("Three")],
                &|l| screen.has(l),
                &mut |slot, doc| screen.create(slot, doc),
            )
            .unwrap();
        assert_eq!(
            slots.iter().map(label).collect::<Vec<_>>(),
            ["doc-1", "doc-2"]
        );
        assert_eq!(*screen.0.borrow(), ["doc-1", "doc-2"]);
        // Each is in its window's autosave slot at once.
        assert_eq!(s.recovery(&slots[1]).unwrap().flow.name, "Three");
        // Each window gets its own document, once; main gets the command-line file.
        let Some(Startup::Document { flow, path }) = d.startup(&slots[1]) else {
            panic!("doc-2 has its document");
        };
        assert_eq!((flow.name.as_str(), path), ("Three", None));
        assert_eq!(d.startup(&slots[1]), None);
        assert!(
            matches!(d.startup(&slots[0]), Some(Startup::Document { flow, .. }) if flow.name == "Two")
        );
        assert_eq!(
            d.startup(&Slot::main()),
            Some(Startup::File {
                path: PathBuf::from("/f/start.ivr.json")
            })
        );
        assert_eq!(d.startup(&Slot::main()), None);
    }

    #[test]
    fn new_labels_skip_live_windows_and_left_slots() {
        let (_t, s) = session();
        let d = Documents::new(None);
        // A crashed run left doc-1's slot; a window doc-2 is open.
        s.autosave(&Slot::new("doc-1").unwrap(), &named("Left"))
            .unwrap();
        let screen = Screen::default();
        screen.0.borrow_mut().push("doc-2".into());
        let slots = d
            .open(
                &s,
                vec![named("New")],
                &|l| screen.has(l),
                &mut |slot, doc| screen.create(slot, doc),
            )
            .unwrap();
        assert_eq!(slots[0].label(), "doc-3");
        assert_eq!(
            s.recovery(&Slot::new("doc-1").unwrap()).unwrap().flow.name,
            "Left"
        );
    }

    #[test]
    fn a_window_that_fails_leaves_nothing_waiting() {
        let (_t, s) = session();
        let d = Documents::new(None);
        let err = d
            .open(&s, vec![named("Broken")], &|_| false, &mut |_, _| {
                Err::<(), _>("no display")
            })
            .unwrap_err();
        assert_eq!(err.name, "Broken");
        assert!(err.to_string().contains("no display"), "{err}");
        assert!(s.slots().is_empty());
        assert_eq!(d.startup(&Slot::new("doc-1").unwrap()), None);
    }

    #[test]
    fn main_is_offered_every_left_slot_and_restoring_opens_the_rest_in_windows() {
        let (_t, s) = session();
        // A crashed run had main, doc-1 and doc-4 with unsaved changes.
        for (l, n) in [("main", "Main"), ("doc-4", "Four"), ("doc-1", "One")] {
            s.autosave(&Slot::new(l).unwrap(), &named(n)).unwrap();
        }
        std::fs::write(s.dir().join("autosave-doc-9.json"), b"{ damaged").unwrap();
        let d = Documents::new(None);
        let screen = Screen::default();
        // Only the main window is offered anything.
        assert!(
            d.offer_recovery(&s, &Slot::new("doc-7").unwrap(), &|l| screen.has(l))
                .is_empty()
        );
        let offered = d.offer_recovery(&s, &Slot::main(), &|l| screen.has(l));
        let names: Vec<&str> = offered.iter().map(|a| a.flow.name.as_str()).collect();
        assert_eq!(names, ["Main", "One", "Four"]);

        let opened = d
            .restore_recovery(&s, &Slot::main(), &|l| screen.has(l), &mut |slot, doc| {
                screen.create(slot, doc)
            })
            .unwrap();
        // New labels avoid every slot still on disk (doc-1, doc-4, doc-9).
        assert_eq!(
            opened.iter().map(label).collect::<Vec<_>>(),
            ["doc-2", "doc-3"]
        );
        let Some(Startup::Document { flow, .. }) = d.startup(&opened[0]) else {
            panic!("doc-2 has a document");
        };
        assert_eq!(flow.name, "One");
        // The old slots moved to the new windows; main keeps its own.
        let left: Vec<String> = s.slots().iter().map(|l| l.label().to_string()).collect();
        assert_eq!(left, ["main", "doc-2", "doc-3", "doc-9"]);
        assert_eq!(
            s.recovery(&Slot::new("doc-3").unwrap()).unwrap().flow.name,
            "Four"
        );
    }

    #[test]
    fn a_left_slot_restored_into_main_moves_to_mains_slot() {
        let (_t, s) = session();
        s.autosave(&Slot::new("doc-2").unwrap(), &named("Two"))
            .unwrap();
        let d = Documents::new(None);
        let offered = d.offer_recovery(&s, &Slot::main(), &|_| false);
        assert_eq!(offered.len(), 1);
        let opened = d
            .restore_recovery(&s, &Slot::main(), &|_| false, &mut |_, _| {
                Ok::<(), String>(())
            })
            .unwrap();
        assert!(opened.is_empty());
        assert_eq!(s.recovery(&Slot::main()).unwrap().flow.name, "Two");
        assert_eq!(s.slots(), [Slot::main()]);
    }

    #[test]
    fn live_windows_slots_are_not_offered_and_declining_clears_the_offer() {
        let (_t, s) = session();
        for l in ["main", "doc-1", "doc-2"] {
            s.autosave(&Slot::new(l).unwrap(), &named(l)).unwrap();
        }
        let d = Documents::new(None);
        // doc-1 is a window of this run (its slot is its own).
        let offered = d.offer_recovery(&s, &Slot::main(), &|l| l == "doc-1");
        let names: Vec<&str> = offered.iter().map(|a| a.flow.name.as_str()).collect();
        assert_eq!(names, ["main", "doc-2"]);
        d.decline_recovery(&s).unwrap();
        assert_eq!(s.slots(), [Slot::new("doc-1").unwrap()]);
        // Nothing is offered twice.
        d.decline_recovery(&s).unwrap();
        assert_eq!(s.slots().len(), 1);
    }
}
