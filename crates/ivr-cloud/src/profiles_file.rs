//! The profiles file: `profiles.toml` in the OS config directory
//! (`~/.config/ivr-studio` on Linux, `~/Library/Application Support/ivr-studio`
//! on macOS, `%APPDATA%\ivr-studio` on Windows), or in `$IVR_STUDIO_CONFIG_DIR`
//! when that is set.
//!
//! It holds no secret. Writes are atomic: a temporary file in the same folder,
//! flushed to disk, then renamed over the old one, so a crash never leaves a
//! half-written file. A malformed file is reported with its path, the line and
//! column, and how to fix it.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use ivr_flow::Text;
use serde::{Deserialize, Serialize};

use crate::error::CloudError;
use crate::profile::Profile;

/// Environment variable that overrides the config directory.
pub const CONFIG_DIR_ENV: &str = "IVR_STUDIO_CONFIG_DIR";
/// The file's name inside the config directory.
pub const FILE_NAME: &str = "profiles.toml";
/// The format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

const HEADER: &str = "# IVR Studio connection profiles.\n\
# Secrets are never stored here: they live in the OS keyring.\n\
# Edit with `ivr profile add|remove` or the app's Connections panel.\n\n";

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    version: u32,
    #[serde(default, rename = "profile")]
    profiles: Vec<Profile>,
}

/// The profiles file at a known path.
#[derive(Clone, Debug)]
pub struct ProfilesFile {
    path: PathBuf,
}

/// The config directory: `$IVR_STUDIO_CONFIG_DIR` when set and not empty,
/// else the OS config directory + `ivr-studio`.
pub fn config_dir() -> Result<PathBuf, CloudError> {
    config_dir_from(std::env::var_os(CONFIG_DIR_ENV), dirs::config_dir())
}

/// [`config_dir`] with its inputs given (for tests).
pub fn config_dir_from(
    env_value: Option<OsString>,
    os_config_dir: Option<PathBuf>,
) -> Result<PathBuf, CloudError> {
    match env_value {
        Some(v) if !v.is_empty() => Ok(PathBuf::from(v)),
        _ => os_config_dir.map(|d| d.join("ivr-studio")).ok_or_else(|| {
            CloudError::config(Text::new(
                "cannot find the OS config directory (is HOME set?)",
                "找不到系统的配置文件夹（是否设置了 HOME？）",
            ))
            .with_hint(Text::new(
                format!("set {CONFIG_DIR_ENV} to a folder for IVR Studio's settings"),
                format!("请将 {CONFIG_DIR_ENV} 设为存放 IVR Studio 设置的文件夹"),
            ))
        }),
    }
}

impl ProfilesFile {
    /// The profiles file in [`config_dir`].
    pub fn open_default() -> Result<Self, CloudError> {
        Ok(ProfilesFile::in_dir(config_dir()?))
    }

    /// The profiles file in `dir`.
    pub fn in_dir(dir: impl AsRef<Path>) -> Self {
        ProfilesFile {
            path: dir.as_ref().join(FILE_NAME),
        }
    }

    /// Where the file is (it may not exist yet).
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn malformed(&self, what: Text) -> CloudError {
        let path = self.path.display();
        CloudError::config(Text::new(
            format!("the profiles file {path} is not valid: {}", what.en),
            format!("连接配置文件 {path} 无效：{}", what.zh),
        ))
        .with_hint(Text::new(
            format!(
                "fix that line by hand, or move the file away and add the profiles again \
                 with `ivr profile add` (secrets stay in the keyring); the format is \
                 `version = {FORMAT_VERSION}` then one [[profile]] table per profile"
            ),
            format!(
                "请手动修正该行，或将文件移走后用 `ivr profile add` 重新添加连接（密钥仍在钥匙串中）；\
                 格式为 `version = {FORMAT_VERSION}`，其后每个连接一个 [[profile]] 表"
            ),
        ))
    }

    /// All profiles, in file order. A missing file is an empty list.
    pub fn load(&self) -> Result<Vec<Profile>, CloudError> {
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => {
                let path = self.path.display();
                return Err(CloudError::config(Text::new(
                    format!("cannot read the profiles file {path}: {e}"),
                    format!("无法读取连接配置文件 {path}：{e}"),
                )));
            }
        };
        let file: FileFormat = toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|s| {
                    let (line, col) = line_col(&text, s.start);
                    Text::new(
                        format!("line {line}, column {col}: "),
                        format!("第 {line} 行第 {col} 列："),
                    )
                })
                .unwrap_or_default();
            // The TOML reader's own words, in both languages.
            self.malformed(Text::new(
                format!("{}{}", at.en, e.message()),
                format!("{}{}", at.zh, e.message()),
            ))
        })?;
        if file.version > FORMAT_VERSION {
            let (path, version) = (self.path.display(), file.version);
            return Err(CloudError::config(Text::new(
                format!(
                    "the profiles file {path} has format version {version}, newer than this IVR Studio understands ({FORMAT_VERSION})"
                ),
                format!(
                    "连接配置文件 {path} 的格式版本为 {version}，比此版本的 IVR Studio 能读取的（{FORMAT_VERSION}）更新"
                ),
            ))
            .with_hint(Text::new("update IVR Studio", "请更新 IVR Studio")));
        }
        let mut seen = BTreeSet::new();
        for p in &file.profiles {
            if !seen.insert(p.name.as_str()) {
                return Err(self.malformed(Text::new(
                    format!("profile {:?} appears twice", p.name),
                    format!("连接 {:?} 出现了两次", p.name),
                )));
            }
        }
        Ok(file.profiles)
    }

    /// The profile named `name`, if any.
    pub fn get(&self, name: &str) -> Result<Option<Profile>, CloudError> {
        Ok(self.load()?.into_iter().find(|p| p.name == name))
    }

    /// Adds `profile` (validated first). With `replace`, an existing profile of
    /// that name is replaced in place; without, it is an error.
    pub fn add(&self, profile: Profile, replace: bool) -> Result<(), CloudError> {
        profile.validate()?;
        let mut all = self.load()?;
        match all.iter_mut().find(|p| p.name == profile.name) {
            Some(existing) if replace => *existing = profile,
            Some(_) => return Err(self.already_exists(&profile.name)),
            None => all.push(profile),
        }
        self.save(&all)
    }

    /// The error for adding a profile named `name` when one already is, without `replace`.
    pub fn already_exists(&self, name: &str) -> CloudError {
        let path = self.path.display();
        CloudError::config(Text::new(
            format!("a profile named {name:?} already exists in {path}"),
            format!("{path} 中已有名为 {name:?} 的连接"),
        ))
        .with_hint(Text::new(
            "remove it first, or add it again with --replace",
            "请先删除它，或用 --replace 重新添加",
        ))
    }

    /// Removes the profile named `name`; returns it, or `None` if there was none.
    pub fn remove(&self, name: &str) -> Result<Option<Profile>, CloudError> {
        let mut all = self.load()?;
        let Some(pos) = all.iter().position(|p| p.name == name) else {
            return Ok(None);
        };
        let removed = all.remove(pos);
        self.save(&all)?;
        Ok(Some(removed))
    }

    /// Writes `profiles` atomically (temporary file in the same folder + rename).
    pub fn save(&self, profiles: &[Profile]) -> Result<(), CloudError> {
        let io_err = |what: (&str, &str), e: std::io::Error| {
            let path = self.path.display();
            CloudError::config(Text::new(
                format!("cannot {} the profiles file {path}: {e}", what.0),
                format!("无法{}连接配置文件 {path}：{e}", what.1),
            ))
        };
        let dir = self
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        std::fs::create_dir_all(&dir)
            .map_err(|e| io_err(("create the folder of", "创建文件夹以存放"), e))?;
        let body = toml::to_string(&FileFormat {
            version: FORMAT_VERSION,
            profiles: profiles.to_vec(),
        })
        .map_err(|e| {
            CloudError::config(Text::new(
                format!("cannot write profiles as TOML: {e}"),
                format!("无法将连接写为 TOML：{e}"),
            ))
        })?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".profiles.")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| io_err(("write", "写入"), e))?;
        tmp.write_all(HEADER.as_bytes())
            .and_then(|()| tmp.write_all(body.as_bytes()))
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| io_err(("write", "写入"), e))?;
        tmp.persist(&self.path)
            .map_err(|e| io_err(("replace", "替换"), e.error))?;
        Ok(())
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count() + 1)
        .unwrap_or(1);
    (line, col)
}

#[cfg(test)]
mod tests {
    use ivr_flow::Provider;

    use super::*;

    fn sample(name: &str) -> Profile {
        Profile {
            region: Some("cn-shanghai".into()),
            instance: Some("ccc-test".into()),
            key_id: Some("LTAI-test".into()),
            ..Profile::new(name, Provider::Aliyun)
        }
    }

    #[test]
    fn config_dir_override_and_default() {
        assert_eq!(
            config_dir_from(Some("/tmp/x".into()), Some("/home/u/.config".into())).unwrap(),
            PathBuf::from("/tmp/x")
        );
        assert_eq!(
            config_dir_from(Some("".into()), Some("/home/u/.config".into())).unwrap(),
            PathBuf::from("/home/u/.config/ivr-studio")
        );
        let e = config_dir_from(None, None).unwrap_err();
        assert!(e.to_string().contains(CONFIG_DIR_ENV), "{e}");
    }

    #[test]
    fn add_list_replace_remove_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let f = ProfilesFile::in_dir(dir.path().join("nested"));
        assert!(f.load().unwrap().is_empty());
        f.add(sample("a"), false).unwrap();
        f.add(sample("b"), false).unwrap();
        let dup = f.add(sample("a"), false).unwrap_err();
        assert!(dup.to_string().contains("already exists"), "{dup}");
        let mut changed = sample("a");
        changed.instance = Some("other".into());
        f.add(changed.clone(), true).unwrap();
        let all = f.load().unwrap();
        assert_eq!(all, vec![changed, sample("b")]);
        assert_eq!(f.remove("a").unwrap().map(|p| p.name), Some("a".into()));
        assert_eq!(f.remove("a").unwrap(), None);
        assert_eq!(f.load().unwrap(), vec![sample("b")]);
        // No temporary files are left behind.
        let names: Vec<_> = std::fs::read_dir(dir.path().join("nested"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        assert_eq!(names, vec![FILE_NAME.to_owned()]);
        let text = std::fs::read_to_string(f.path()).unwrap();
        assert!(
            text.starts_with("# IVR Studio connection profiles."),
            "{text}"
        );
        assert!(text.contains("[[profile]]"), "{text}");
        assert!(text.contains("provider = \"aliyun\""), "{text}");
    }

    #[test]
    fn invalid_profiles_are_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let f = ProfilesFile::in_dir(dir.path());
        let mut p = sample("x");
        p.endpoint = Some("http://example.com".into());
        assert!(f.add(p, false).is_err());
        assert!(!f.path().exists());
    }

    #[test]
    fn malformed_file_names_the_file_line_and_fix() {
        let dir = tempfile::tempdir().unwrap();
        let f = ProfilesFile::in_dir(dir.path());
        std::fs::write(
            f.path(),
            "version = 1\n\n[[profile]]\nname = \"a\"\nprovider = \"connect\"\nregoin = \"x\"\n",
        )
        .unwrap();
        let e = f.load().unwrap_err();
        let s = e.to_string();
        assert!(s.contains(&f.path().display().to_string()), "{s}");
        assert!(s.contains("line 6, column 1"), "{s}");
        assert!(s.contains("regoin"), "{s}");
        assert!(s.contains("ivr profile add"), "{s}");

        std::fs::write(f.path(), "version = 1\n[[profile]\n").unwrap();
        let s = f.load().unwrap_err().to_string();
        assert!(s.contains("line 2"), "{s}");

        std::fs::write(
            f.path(),
            "version = 1\n[[profile]]\nname = \"a\"\nprovider = \"genesys\"\n",
        )
        .unwrap();
        let s = f.load().unwrap_err().to_string();
        assert!(s.contains("genesys"), "{s}");

        std::fs::write(f.path(), "version = 9\n").unwrap();
        let s = f.load().unwrap_err().to_string();
        assert!(s.contains("newer"), "{s}");

        let dup = "version = 1\n[[profile]]\nname = \"a\"\nprovider = \"connect\"\n[[profile]]\nname = \"a\"\nprovider = \"connect\"\n";
        std::fs::write(f.path(), dup).unwrap();
        let s = f.load().unwrap_err().to_string();
        assert!(s.contains("appears twice"), "{s}");
    }
}
