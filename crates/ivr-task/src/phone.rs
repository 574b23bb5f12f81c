//! Phone numbers: parsed with the `phonenumber` crate (Google's libphonenumber
//! metadata) as the contact's or the task's calling code says, and written in
//! E.164 (`+8613800000001`), the form kept for sending.

use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use phonenumber::country::Id;
use phonenumber::metadata::{DATABASE, Descriptor, Metadata};
use phonenumber::{Mode, PhoneNumber};
use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashMap;

/// What parsing one number gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// A number the metadata knows as valid, in E.164.
    Valid(String),
    /// A number that parses but the metadata does not know as valid for its
    /// country (a wrong length, an unused prefix); in E.164 all the same.
    Unlikely(String),
    /// Not a phone number (letters in it, no digits, a length no number of
    /// its country has); the reason, in English.
    Invalid(String),
}

/// Resolves calling codes ("86", "+44", "0044") to the region whose rules
/// parse national numbers, remembering each code once; and holds, per
/// calling code, the metadata's number patterns compiled once (the
/// `phonenumber` crate's own validity check looks each pattern up in a
/// shared cache by its text, which costs more than the match itself).
/// The compiled patterns are kept for the life of the process, so a check
/// run on every edit compiles none again.
#[derive(Debug, Default)]
pub struct Regions {
    known: FxHashMap<String, Option<Id>>,
    rules: FxHashMap<u16, Arc<Vec<Rules>>>,
}

/// Each calling code's compiled patterns, shared by every check.
fn compiled(code: u16) -> Arc<Vec<Rules>> {
    static ALL: OnceLock<Mutex<FxHashMap<u16, Arc<Vec<Rules>>>>> = OnceLock::new();
    let all = ALL.get_or_init(Mutex::default);
    // A poisoned lock only means another thread panicked while inserting:
    // the map itself is still whole.
    let mut map = all.lock().unwrap_or_else(PoisonError::into_inner);
    map.entry(code)
        .or_insert_with(|| {
            Arc::new(
                DATABASE
                    .by_code(&code)
                    .unwrap_or_default()
                    .into_iter()
                    .map(Rules::new)
                    .collect(),
            )
        })
        .clone()
}

/// One region's patterns: the general one, then one per kind of number.
#[derive(Debug)]
struct Rules {
    general: Pattern,
    kinds: Vec<Pattern>,
}

#[derive(Debug)]
struct Pattern {
    lengths: Vec<u16>,
    regex: Option<Regex>,
}

impl Pattern {
    fn new(d: &Descriptor) -> Pattern {
        let regex = RegexBuilder::new(&format!("^(?:{})", d.national_number().as_str()))
            .ignore_whitespace(true)
            .build()
            .ok();
        Pattern {
            lengths: d.possible_length().to_vec(),
            regex,
        }
    }

    /// As the metadata's own test: a possible length, and the pattern
    /// matching from the first digit.
    fn matches(&self, national: &str) -> bool {
        let len_ok = self.lengths.is_empty()
            || u16::try_from(national.len()).is_ok_and(|n| self.lengths.contains(&n));
        len_ok && self.regex.as_ref().is_some_and(|r| r.is_match(national))
    }
}

impl Rules {
    fn new(meta: &Metadata) -> Rules {
        let d = meta.descriptors();
        let kinds = [
            d.premium_rate(),
            d.toll_free(),
            d.shared_cost(),
            d.voip(),
            d.personal_number(),
            d.pager(),
            d.uan(),
            d.voicemail(),
            d.fixed_line(),
            d.mobile(),
        ];
        Rules {
            general: Pattern::new(d.general()),
            kinds: kinds.into_iter().flatten().map(Pattern::new).collect(),
        }
    }

    /// Whether `national` is a number of some known kind in this region
    /// (libphonenumber's "valid": its type is not unknown).
    fn valid(&self, national: &str) -> bool {
        self.general.matches(national) && self.kinds.iter().any(|k| k.matches(national))
    }

    /// Whether the region has numbers of this many digits at all: the
    /// lengths of the general pattern and of every kind (the metadata often
    /// gives them per kind only).
    fn possible_length(&self, national: &str) -> bool {
        let Ok(n) = u16::try_from(national.len()) else {
            return false;
        };
        let mut all = std::iter::once(&self.general).chain(&self.kinds);
        if all.clone().all(|p| p.lengths.is_empty()) {
            return true;
        }
        all.any(|p| p.lengths.contains(&n))
    }
}

/// What the metadata says of a parsed number.
enum Validity {
    Valid,
    /// A length some number of the region has, but no known kind of number.
    Unknown,
    /// No number of the region has this many digits.
    ImpossibleLength,
}

impl Regions {
    /// Whether a parsed number is valid in some region of its calling code.
    fn validity(&mut self, n: &PhoneNumber) -> Validity {
        let code = n.code().value();
        let rules = self.rules.entry(code).or_insert_with(|| compiled(code));
        let national = n.national().to_string();
        if rules.iter().any(|r| r.valid(&national)) {
            Validity::Valid
        } else if rules.iter().any(|r| r.possible_length(&national)) {
            Validity::Unknown
        } else {
            Validity::ImpossibleLength
        }
    }
}

impl Regions {
    /// The main region of a calling code, or `None` when no country has it.
    pub fn region(&mut self, code: &str) -> Option<Id> {
        if let Some(id) = self.known.get(code) {
            return *id;
        }
        let id = region_of(code);
        self.known.insert(code.to_owned(), id);
        id
    }
}

fn region_of(code: &str) -> Option<Id> {
    let digits = code.trim().trim_start_matches('+').trim_start_matches("00");
    let value: u16 = digits.parse().ok()?;
    let regions = DATABASE.region(&value)?;
    // The first region of a shared code is its main one ("US" for 1).
    let main = regions.first()?;
    main.parse().ok()
}

/// Parses `number` with the rules of `region` (ignored when the number
/// starts with `+` or `00` and so carries its own code).
pub fn parse(number: &str, region: Option<Id>, regions: &mut Regions) -> Parsed {
    let number = number.trim();
    let international = number.starts_with('+') || number.starts_with("00");
    if region.is_none() && !international {
        return Parsed::Invalid(
            "the number has no country code and neither the row nor the task gives one".into(),
        );
    }
    let converted;
    let number = match number.strip_prefix("00") {
        Some(rest) if region.is_none() => {
            converted = format!("+{rest}");
            converted.as_str()
        }
        _ => number,
    };
    if number.chars().any(|c| c.is_alphabetic()) {
        // libphonenumber reads letters as keypad digits (1-800-FLOWERS);
        // in a call list they are a typing error, and NXLink refuses them.
        return Parsed::Invalid("it has letters in it".into());
    }
    match phonenumber::parse(region, number) {
        Ok(n) => {
            let e164 = e164(&n);
            match regions.validity(&n) {
                Validity::Valid => Parsed::Valid(e164),
                Validity::Unknown => Parsed::Unlikely(e164),
                Validity::ImpossibleLength => Parsed::Invalid(format!(
                    "read as {e164}, it has a number of digits no number of its country has"
                )),
            }
        }
        Err(e) => Parsed::Invalid(e.to_string()),
    }
}

fn e164(n: &PhoneNumber) -> String {
    n.format().mode(Mode::E164).to_string()
}
