//! Project configuration: `claimdiff.toml`, found by walking up from the working
//! folder (or named with `--config`). Every key is optional.

use crate::compare::Kind;
use crate::error::{Error, Result};
use crate::lexicon::Aliases;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The file name looked for.
pub const FILE_NAME: &str = "claimdiff.toml";

/// What `--fail-on` and `fail_on` accept: a finding kind, or any finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
#[value(rename_all = "snake_case")]
pub enum FailOn {
    /// Fail on any finding.
    Any,
    /// Fail on bounds and worse.
    Bounds,
    /// Fail on timelines and worse.
    Timeline,
    /// Fail on a part above its whole and on contradictions.
    PartExceedsWhole,
    /// Fail on contradictions only.
    Contradiction,
}

impl FailOn {
    /// True when a finding of this kind fails the check.
    pub fn fails(self, kind: Kind) -> bool {
        match self {
            FailOn::Any | FailOn::Bounds => true,
            FailOn::Timeline => kind != Kind::Bounds,
            FailOn::PartExceedsWhole => {
                matches!(kind, Kind::PartExceedsWhole | Kind::Contradiction)
            }
            FailOn::Contradiction => kind == Kind::Contradiction,
        }
    }
}

/// Aliases as written in the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AliasTables {
    /// Spelling → canonical place ("Alma-Ata" = "Almaty").
    #[serde(default)]
    pub places: BTreeMap<String, String>,
    /// Word → canonical subject ("cops" = "security_forces").
    #[serde(default)]
    pub subjects: BTreeMap<String, String>,
}

/// The effective configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Folder of sources, relative to the configuration file.
    pub sources: PathBuf,
    /// Folder of claim files, relative to the configuration file.
    pub claims: PathBuf,
    /// The mildest finding kind that fails `claimdiff check`.
    pub fail_on: FailOn,
    /// Half-width of "about N" as a share of N.
    pub about_tolerance: f64,
    /// Baseline file for `check`, relative to the configuration file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<PathBuf>,
    /// Keys never compared, as `metric/subject/location`; `*` matches anything.
    pub ignore: Vec<String>,
    /// Extra spellings.
    pub aliases: AliasTables,
    /// Source-id globs → event name: these sources tell of the named event.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub events: BTreeMap<String, String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sources: PathBuf::from("sources"),
            claims: PathBuf::from("claims"),
            fail_on: FailOn::Contradiction,
            about_tolerance: 0.1,
            baseline: None,
            ignore: Vec::new(),
            aliases: AliasTables::default(),
            events: BTreeMap::new(),
        }
    }
}

/// A configuration and the folder its relative paths are read from.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder holding `claimdiff.toml` (or the working folder when there is none).
    pub root: PathBuf,
    /// The file read, if any.
    pub file: Option<PathBuf>,
    /// The settings.
    pub config: Config,
}

impl Project {
    /// Finds `claimdiff.toml` in `start` or a folder above it; defaults when none.
    pub fn discover(start: &Path) -> Result<Project> {
        for (up, dir) in start.ancestors().enumerate() {
            if dir.join(FILE_NAME).is_file() {
                // From the working folder, paths stay relative so messages show them short.
                let from_cwd = std::env::current_dir().is_ok_and(|cwd| cwd == start);
                let root = match (from_cwd, up) {
                    (true, 0) => PathBuf::from("."),
                    (true, _) => std::iter::repeat_n("..", up).collect(),
                    (false, _) => dir.to_path_buf(),
                };
                let mut project = Project::from_file(&root.join(FILE_NAME))?;
                project.root = root;
                return Ok(project);
            }
        }
        Ok(Project {
            root: PathBuf::from("."),
            file: None,
            config: Config::default(),
        })
    }

    /// Reads a named configuration file.
    pub fn from_file(path: &Path) -> Result<Project> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
        let config: Config = toml::from_str(&text).map_err(|e| {
            crate::error::from_toml(path, &text, 0, &e)
                .with_hint("see `claimdiff check --dump-config` for every key and its default")
        })?;
        if !(0.0..1.0).contains(&config.about_tolerance) {
            let at = text.find("about_tolerance").unwrap_or(0);
            return Err(Error::at_offset(
                path,
                &text,
                at,
                "about_tolerance must be at least 0 and below 1",
            )
            .with_hint("0.1 means \"about 200\" covers 180 to 220"));
        }
        for pattern in &config.ignore {
            if pattern.split('/').count() != 3 {
                let at = text.find(pattern.as_str()).unwrap_or(0);
                return Err(Error::at_offset(
                    path,
                    &text,
                    at,
                    format!("ignore pattern {pattern:?} is not metric/subject/location"),
                )
                .with_hint("for example \"participants/*/Almaty\""));
            }
        }
        for (glob, name) in &config.events {
            if glob.trim().is_empty() || name.trim().is_empty() {
                let at = text.find("[events]").unwrap_or(0);
                return Err(Error::at_offset(
                    path,
                    &text,
                    at,
                    format!("[events] entry {glob:?} = {name:?} needs a glob and a name"),
                )
                .with_hint("for example \"2023-*-mine-*\" = \"Karaganda mine fire\""));
            }
        }
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Project {
            root: if root.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                root
            },
            file: Some(path.to_path_buf()),
            config,
        })
    }

    /// The sources folder.
    pub fn sources_dir(&self) -> PathBuf {
        self.resolve(&self.config.sources)
    }

    /// The claims folder.
    pub fn claims_dir(&self) -> PathBuf {
        self.resolve(&self.config.claims)
    }

    /// A path from the configuration, read relative to its folder.
    pub fn resolve(&self, p: &Path) -> PathBuf {
        if self.root == Path::new(".") {
            p.to_path_buf()
        } else {
            self.root.join(p)
        }
    }

    /// The lexicon aliases.
    pub fn aliases(&self) -> Aliases {
        Aliases {
            places: self.config.aliases.places.clone(),
            subjects: self.config.aliases.subjects.clone(),
        }
    }

    /// The event a source id is given by the `[events]` table: the first glob (in
    /// sorted order) that matches it.
    pub fn event_for(&self, source_id: &str) -> Option<crate::events::Named> {
        self.config
            .events
            .iter()
            .find(|(glob, _)| crate::events::glob_match(glob, source_id))
            .map(|(glob, name)| crate::events::Named {
                name: name.clone(),
                by: format!("{} [events] {glob:?}", FILE_NAME),
            })
    }

    /// True when a claim's key matches an `ignore` pattern.
    pub fn ignored(&self, key: &crate::claim::Key) -> bool {
        let subject = key.subject.as_ref().map_or("-", |s| s.0.as_str());
        self.config.ignore.iter().any(|p| {
            let parts: Vec<&str> = p.split('/').collect();
            [key.metric.0.as_str(), subject, key.location.as_str()]
                .iter()
                .zip(&parts)
                .all(|(v, pat)| *pat == "*" || pat.eq_ignore_ascii_case(v))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_are_named_with_the_valid_ones() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "sources = \"s\"\nfail_onn = \"any\"\n").unwrap();
        let err = Project::from_file(&path).unwrap_err();
        let msg = err.to_string();
        assert_eq!(err.position, Some((2, 1)), "{msg}");
        assert!(msg.contains("fail_onn") && msg.contains("fail_on"), "{msg}");
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), "claims = \"c\"\n").unwrap();
        let deep = dir.path().join("a/b");
        std::fs::create_dir_all(&deep).unwrap();
        let p = Project::discover(&deep).unwrap();
        assert_eq!(p.claims_dir(), dir.path().join("c"));
    }
}
