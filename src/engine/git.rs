//! The simulated local git repository of an app, and its `heroku` remote.
//!
//! Commit ids are real SHA-1s of git-shaped commit objects, so they look and
//! behave like git's: 40 hex digits, stable for the same history.

use super::time::{format_offset, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commit {
    pub sha: String,
    pub parent: Option<usize>,
    pub author: String,
    pub at: Timestamp,
    /// Display offset at commit time, as git records it.
    pub offset_secs: i32,
    pub message: String,
    /// The Procfile's `release:` command in this commit's tree.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_command: Option<String>,
}

impl Commit {
    pub fn short(&self) -> &str {
        self.sha.get(..7).unwrap_or(&self.sha)
    }

    pub fn subject(&self) -> &str {
        self.message.lines().next().unwrap_or("")
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repo {
    pub commits: Vec<Commit>,
    /// Index of the commit `main` points at.
    pub head: Option<usize>,
    /// What `heroku/main` points at: the last commit pushed successfully.
    pub remote_head: Option<usize>,
    /// The working tree's Procfile `release:` command, which the next commit records.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub procfile_release: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevError {
    Unknown(String),
    Ambiguous(String),
}

impl Repo {
    pub fn head_commit(&self) -> Option<&Commit> {
        self.head.map(|i| &self.commits[i])
    }

    /// Makes a new commit on `main`; returns its index.
    pub fn commit(&mut self, author: &str, at: Timestamp, offset_secs: i32, message: &str) -> usize {
        let parent = self.head;
        let release_command = self.procfile_release.clone();
        let tree = tree_hash(parent.map(|p| self.commits[p].sha.as_str()), message, release_command.as_deref());
        let mut object = format!("tree {tree}\n");
        if let Some(p) = parent {
            object.push_str(&format!("parent {}\n", self.commits[p].sha));
        }
        let zone = format_offset(offset_secs);
        object.push_str(&format!("author <{author}> {} {zone}\ncommitter <{author}> {} {zone}\n\n{message}\n", at.0, at.0));
        let framed = format!("commit {}\0{object}", object.len());
        let sha = super::sha1::hex(framed.as_bytes());
        self.commits.push(Commit { sha, parent, author: author.to_string(), at, offset_secs, message: message.to_string(), release_command });
        let index = self.commits.len() - 1;
        self.head = Some(index);
        index
    }

    /// Resolves `HEAD`, `main`, `heroku/main`, `HEAD~N` or a unique sha prefix of 4+ hex digits.
    pub fn resolve(&self, rev: &str) -> Result<usize, RevError> {
        let unknown = || RevError::Unknown(rev.to_string());
        let (base, back) = match rev.split_once('~') {
            Some((base, "")) => (base, 1),
            Some((base, n)) => (base, n.parse::<usize>().map_err(|_| unknown())?),
            None => (rev, 0),
        };
        let start = match base {
            "HEAD" | "main" | "@" => self.head.ok_or_else(unknown)?,
            "heroku/main" => self.remote_head.ok_or_else(unknown)?,
            prefix => {
                let lower = prefix.to_ascii_lowercase();
                if lower.len() < 4 || lower.len() > 40 || !lower.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(unknown());
                }
                let mut matches = self.commits.iter().enumerate().filter(|(_, c)| c.sha.starts_with(&lower));
                let first = matches.next().ok_or_else(unknown)?.0;
                if matches.next().is_some() {
                    return Err(RevError::Ambiguous(prefix.to_string()));
                }
                first
            }
        };
        let mut at = start;
        for _ in 0..back {
            at = self.commits[at].parent.ok_or_else(unknown)?;
        }
        Ok(at)
    }

    /// Indices of the commits reachable from `from`, newest first.
    pub fn ancestry(&self, from: usize) -> impl Iterator<Item = usize> + '_ {
        let mut next = Some(from);
        std::iter::from_fn(move || {
            let index = next?;
            next = self.commits[index].parent;
            Some(index)
        })
    }

    /// Commits reachable from `from`, newest first.
    pub fn history(&self, from: usize) -> impl Iterator<Item = &Commit> {
        self.ancestry(from).map(|i| &self.commits[i])
    }

    /// How many commits `from` has that `remote` lacks (remote is always an ancestor here).
    pub fn commits_ahead(&self, from: usize, remote: Option<usize>) -> usize {
        self.ancestry(from).take_while(|&i| Some(i) != remote).count()
    }
}

/// A stand-in tree id: we track no files but the Procfile's release line,
/// and every commit changes one. A tree without that line hashes as it
/// always did, so histories made before it keep their shas.
fn tree_hash(parent: Option<&str>, message: &str, release_command: Option<&str>) -> String {
    let mut seed = format!("tree:{}:{message}", parent.unwrap_or(""));
    if let Some(command) = release_command {
        seed.push_str("\nrelease: ");
        seed.push_str(command);
    }
    super::sha1::hex(seed.as_bytes())
}
