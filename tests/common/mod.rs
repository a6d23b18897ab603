//! Helpers shared by the integration tests: a scratch project and the binary.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The repository root (where Cargo.toml is).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of the project: claimdiff.toml and the bundled sources.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// The bundled corpus, with no claim files yet.
    pub fn bundled() -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(
            repo().join("claimdiff.toml"),
            dir.path().join("claimdiff.toml"),
        )
        .unwrap();
        let sources = dir.path().join("sources");
        std::fs::create_dir(&sources).unwrap();
        for entry in std::fs::read_dir(repo().join("sources")).unwrap() {
            let p = entry.unwrap().path();
            std::fs::copy(&p, sources.join(p.file_name().unwrap())).unwrap();
        }
        Project { dir }
    }

    /// An empty project folder with a default configuration.
    pub fn empty() -> Project {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("claimdiff.toml"), "").unwrap();
        std::fs::create_dir(dir.path().join("sources")).unwrap();
        Project { dir }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap()
    }

    /// `claimdiff ARGS` run in the project folder, without color.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::cargo_bin("claimdiff").unwrap();
        c.current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("CLICOLOR_FORCE")
            .args(args);
        c
    }

    /// Runs and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd(args).output().unwrap();
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// The JSON report.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["report", "--format", "json"];
        all.extend_from_slice(args);
        let (code, out, err) = self.run(&all);
        assert_eq!(code, 0, "{err}");
        serde_json::from_str(&out).unwrap()
    }
}

/// The files in a folder with their bytes, sorted.
pub fn snapshot_dir(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(&p).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

/// A source written to attack the page: markup in the title, the text and the URL.
pub const PROBE: &str = "+++
title = \"<script>document.body.setAttribute('data-xss','title')</script>\"
outlet = \"\\\"><img src=x onerror=\\\"document.body.setAttribute('data-xss','outlet')\\\">\"
url = \"javascript:document.body.setAttribute('data-xss','url')\"
published = 2022-01-08
+++
Police said 11 protesters were detained in Almaty. <script>document.body.setAttribute('data-xss','text')</script>
\"><img src=x onerror=\"document.body.setAttribute('data-xss','img')\"> Officials said 12 protesters were detained in Almaty.
";
