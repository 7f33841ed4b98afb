//! `git commit`, `git log`, `git revert` and `git push heroku main`.

use crate::cli::args::Args;
use crate::cli::effect::{ErrorKind, Resource};
use crate::cli::format::git_date;
use crate::cli::output::Output;
use crate::engine::actions::revert::rev_error;
use crate::engine::app::{App, Generation};
use crate::engine::release::{Status, Style};
use crate::engine::{Action, Outcome, Push, World};

/// git reports a missing app in its own voice.
macro_rules! repo_app_or_fail {
    ($world:expr, $args:expr, $out:expr) => {
        match crate::cli::resolve_app($world, $args) {
            Ok(app) => {
                $out.effect.app = Some(app.clone());
                app
            }
            Err(failure) => {
                $out.fail_raw(failure.kind, format!("fatal: {}", failure.message.replace('\n', "\nhint: ")));
                return $out;
            }
        }
    };
}

pub fn commit(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = repo_app_or_fail!(world, args, out);
    let Some(message) = args.value("message") else {
        out.fail_raw(ErrorKind::Usage, "error: Release Lab has no editor: give the message with -m MESSAGE");
        return out;
    };
    let action = Action::Commit { app: app.clone(), message: message.to_string() };
    if let Some(Outcome::Committed { commit, .. }) = crate::cli::execute(world, &mut out, action) {
        if !args.has("quiet") {
            print_commit_summary(world, &app, commit, &mut out);
        }
    }
    out
}

fn print_commit_summary(world: &World, app: &str, index: usize, out: &mut Output) {
    let Ok(app) = world.app(app) else { return };
    let commit = &app.repo.commits[index];
    let root = if commit.parent.is_none() { " (root-commit)" } else { "" };
    out.out(format!("[main{root} {}] {}", commit.short(), commit.subject()));
    if commit.message.starts_with("Revert \"") {
        out.out(" 1 file changed, 1 deletion(-)");
    } else {
        out.out(" 1 file changed, 1 insertion(+)");
    }
}

pub fn revert(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = repo_app_or_fail!(world, args, out);
    let action = Action::Revert { app: app.clone(), rev: args.positionals[0].clone() };
    if let Some(Outcome::Committed { commit, .. }) = crate::cli::execute(world, &mut out, action) {
        print_commit_summary(world, &app, commit, &mut out);
    }
    out
}

pub fn log(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app_name = repo_app_or_fail!(world, args, out);
    let Ok(app) = world.app(&app_name) else { return out };
    let limit = match args.value("max-count") {
        None => usize::MAX,
        Some(text) => match text.parse::<usize>() {
            Ok(n) => n,
            Err(_) => {
                out.fail_raw(ErrorKind::Invalid { field: "max-count" }, format!("fatal: '{text}': not an integer"));
                return out;
            }
        },
    };
    let start = match args.positionals.first() {
        Some(rev) => match app.repo.resolve(rev) {
            Ok(index) => index,
            Err(error) => {
                crate::cli::engine_error(&mut out, world, &rev_error(error));
                return out;
            }
        },
        None => match app.repo.head {
            Some(head) => head,
            None => {
                out.fail_raw(ErrorKind::NotFound { what: Resource::Commit }, "fatal: your current branch 'main' does not have any commits yet");
                return out;
            }
        },
    };
    let oneline = args.has("oneline");
    for (n, commit) in app.repo.history(start).take(limit).enumerate() {
        if oneline {
            out.out(format!("{} {}", commit.short(), commit.subject()));
            continue;
        }
        if n > 0 {
            out.out("");
        }
        out.out(format!("commit {}", commit.sha));
        out.out(format!("Author: <{}>", commit.author));
        out.out(format!("Date:   {}", git_date(commit.at, commit.offset_secs)));
        out.out("");
        for line in commit.message.lines() {
            out.out(if line.is_empty() { String::new() } else { format!("    {line}") });
        }
    }
    out
}

pub fn push(world: &mut World, args: &Args) -> Output {
    let mut out = Output::new();
    let app = repo_app_or_fail!(world, args, out);
    let remote = args.positionals.first().map(String::as_str);
    let refspec = args.positionals.get(1).map(String::as_str);
    match remote {
        Some("heroku") => {}
        None => {
            out.fail_raw(ErrorKind::Usage, "fatal: The current branch main has no upstream branch.\nTo push to Heroku, use\n\n    git push heroku main");
            return out;
        }
        Some(other) => {
            out.fail_raw(ErrorKind::Invalid { field: "remote" }, format!(
                "fatal: '{other}' does not appear to be a git repository\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights\nand the repository exists."
            ));
            return out;
        }
    }
    match refspec {
        Some("main" | "HEAD:main" | "main:main" | "HEAD") | None => {}
        Some(other) => {
            let source = other.split(':').next().unwrap_or(other);
            let git_url = world.app(&app).map(|a| a.git_url()).unwrap_or_default();
            out.fail_raw(ErrorKind::Invalid { field: "refspec" }, format!("error: src refspec {source} does not match any\nerror: failed to push some refs to '{git_url}'"));
            return out;
        }
    }
    let Some(Outcome::Pushed { push, .. }) = crate::cli::execute(world, &mut out, Action::Push { app: app.clone() }) else {
        return out;
    };
    let Ok(app) = world.app(&app) else { return out };
    let failed = matches!(push, Push::BuildFailed { .. });
    if args.has("quiet") && !failed {
        return out;
    }
    let (commit, previous) = match &push {
        Push::UpToDate => {
            out.err("Everything up-to-date");
            return out;
        }
        Push::BuildFailed { commit, previous_remote } | Push::Released { commit, previous_remote, .. } => (*commit, *previous_remote),
    };
    objects(app, commit, previous, world.style == Style::Classic, &mut out);
    match world.style {
        Style::Modern => modern_push(app, &push, &mut out),
        Style::Classic => classic_push(app, &push, &mut out),
    }
    if let Push::Released { .. } = push {
        out.err(ref_update(app, commit, previous));
    }
    out
}

fn ref_update(app: &App, commit: usize, previous: Option<usize>) -> String {
    let new = app.repo.commits[commit].short();
    match previous {
        Some(old) => format!("   {}..{new}  main -> main", app.repo.commits[old].short()),
        None => " * [new branch]      main -> main".to_string(),
    }
}

fn objects(app: &App, commit: usize, previous: Option<usize>, classic: bool, out: &mut Output) {
    let count = app.repo.commits_ahead(commit, previous) * 3;
    let bytes = 240 * count;
    if classic {
        out.err(format!("Counting objects: {count}, done.\nWriting objects: 100% ({count}/{count}), {bytes} bytes, done.\nTotal {count} (delta 0), reused 0 (delta 0)\n"));
    } else {
        out.err(format!(
            "Enumerating objects: {count}, done.\nCounting objects: 100% ({count}/{count}), done.\nWriting objects: 100% ({count}/{count}), {bytes} bytes | {bytes}.00 KiB/s, done.\nTotal {count} (delta 0), reused 0 (delta 0), pack-reused 0"
        ));
    }
}

fn modern_push(app: &App, push: &Push, out: &mut Output) {
    let mut remote = vec!["Compressing source files... done.".to_string(), "Building source:".to_string(), String::new()];
    match app.generation {
        Generation::Cedar => remote.extend(
            ["-----> Building on the Heroku-24 stack", "-----> Using buildpack: heroku/nodejs", "-----> Node.js app detected"].map(String::from),
        ),
        Generation::Fir => remote.extend(["===> DETECTING", "heroku/nodejs   3.4.1", "===> BUILDING"].map(String::from)),
    }
    match push {
        Push::BuildFailed { .. } => {
            remote.push(" !     Build failed: the build script exited with status 1 (sim fail next-build)".to_string());
            remote.push(" !     Push rejected, failed to compile Node.js app.".to_string());
            remote.push(String::new());
            remote.push(" !     Push failed".to_string());
            for line in remote {
                out.err(format!("remote: {line}").trim_end());
            }
            out.err(format!("To {}", app.git_url()));
            out.err(" ! [remote rejected] main -> main (pre-receive hook declined)");
            out.fail_raw(ErrorKind::BuildFailed, format!("error: failed to push some refs to '{}'", app.git_url()));
        }
        Push::Released { version, .. } => {
            let release = app.release(*version);
            let artifact = release.and_then(|r| r.artifact).map(|id| app.artifact(id));
            let size = artifact.map(|a| a.size_bytes).unwrap_or(0);
            match app.generation {
                Generation::Cedar => {
                    remote.push("-----> Build succeeded!".to_string());
                    remote.push("-----> Discovering process types".to_string());
                    let types = if app.release_command.is_some() { "release, web" } else { "web" };
                    remote.push(format!("       Procfile declares types -> {types}"));
                    remote.push(String::new());
                    remote.push("-----> Compressing...".to_string());
                    remote.push(format!("       Done: {}M", megabytes(size)));
                }
                Generation::Fir => {
                    remote.push("===> EXPORTING".to_string());
                    remote.push(format!("Saving image {} ({}M)", artifact.map(|a| a.id.as_str()).unwrap_or(""), megabytes(size)));
                }
            }
            remote.push("-----> Launching...".to_string());
            let phase = release.and_then(|r| r.release_phase.as_ref());
            if phase.is_some() {
                remote.push(" !     Release command declared: this new release will not be available until the command succeeds.".to_string());
            }
            remote.push(format!("       Released v{version}"));
            remote.push(format!("       {} deployed to Heroku", app.web_url()));
            remote.push(String::new());
            remote.push("Verifying deploy... done.".to_string());
            if let (Some(phase), Some(release)) = (phase, release) {
                remote.push("Running release command...".to_string());
                remote.extend(phase.output());
                let result = if release.status == Status::Failed { "failed." } else { "done." };
                remote.push(format!("Waiting for release.... {result}"));
            }
            for line in remote {
                out.err(format!("remote: {line}").trim_end());
            }
            out.err(format!("To {}", app.git_url()));
        }
        Push::UpToDate => {}
    }
}

fn classic_push(app: &App, push: &Push, out: &mut Output) {
    out.err("-----> Heroku receiving push\n-----> Node.js app detected");
    let git_url = format!("git@heroku.com:{}.git", app.name);
    match push {
        Push::BuildFailed { .. } => {
            out.err(" !     Heroku push rejected, failed to compile Node.js app\n");
            out.err(format!("To {git_url}"));
            out.err(" ! [remote rejected] main -> main (pre-receive hook declined)");
            out.fail_raw(ErrorKind::BuildFailed, format!("error: failed to push some refs to '{git_url}'"));
        }
        Push::Released { version, .. } => {
            let release = app.release(*version);
            let size = release.and_then(|r| r.artifact).map(|id| app.artifact(id).size_bytes).unwrap_or(0);
            out.err(format!("-----> Compressing... done, {}MB", megabytes(size)));
            out.err(format!("-----> Launching... done, v{version}"));
            if let Some(phase) = release.and_then(|r| r.release_phase.as_ref()) {
                out.err("-----> Running release command...");
                for line in phase.output() {
                    out.err(format!("       {line}"));
                }
            }
            if release.is_some_and(|r| r.status == Status::Failed) {
                out.err(format!(" !     Release command failed: v{version} was not deployed\n"));
            } else {
                out.err(format!("       http://{}.herokuapp.com deployed to Heroku\n", app.name));
            }
            out.err(format!("To {git_url}"));
        }
        Push::UpToDate => {}
    }
}

/// `8.3`: megabytes with one decimal, rounded half up.
fn megabytes(bytes: u64) -> String {
    let tenths = (bytes + 50_000) / 100_000;
    format!("{}.{}", tenths / 10, tenths % 10)
}
