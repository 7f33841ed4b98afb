//! Pipelines: apps grouped by stage, whose slugs move downstream by
//! promotion (`heroku pipelines:*`, rules 3 worlds).

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Review,
    Development,
    Staging,
    Production,
}

impl Stage {
    /// In the order `pipelines:info` lists them.
    pub const ALL: [Stage; 4] = [Stage::Development, Stage::Review, Stage::Staging, Stage::Production];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Review => "review",
            Stage::Development => "development",
            Stage::Staging => "staging",
            Stage::Production => "production",
        }
    }

    pub fn parse(text: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == text)
    }

    /// Where a promotion from this stage goes: development → staging →
    /// production; review and production apps have no downstream.
    pub fn downstream(self) -> Option<Stage> {
        match self {
            Stage::Development => Some(Stage::Staging),
            Stage::Staging => Some(Stage::Production),
            Stage::Review | Stage::Production => None,
        }
    }

    /// The pipeline name and stage the CLI's prompts offer for `app`:
    /// its name without a stage suffix such as `-staging`, and that stage.
    pub fn guess(app: &str) -> (&str, Stage) {
        const SUFFIXES: [(&str, Stage); 14] = [
            ("-dev", Stage::Development),
            ("-development", Stage::Development),
            ("-uat", Stage::Development),
            ("-tst", Stage::Development),
            ("-test", Stage::Development),
            ("-qa", Stage::Development),
            ("-stg", Stage::Staging),
            ("-staging", Stage::Staging),
            ("-prd", Stage::Production),
            ("-prod", Stage::Production),
            ("-production", Stage::Production),
            ("-admin", Stage::Production),
            ("-demo", Stage::Production),
            ("", Stage::Production),
        ];
        for (suffix, stage) in SUFFIXES {
            if let Some(base) = app.strip_suffix(suffix).filter(|base| !base.is_empty()) {
                return (base, stage);
            }
        }
        (app, Stage::Production)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pipeline {
    pub id: String,
    pub name: String,
    /// The user who created it.
    pub owner: String,
    /// Apps in coupling order.
    pub couplings: Vec<Coupling>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coupling {
    pub id: String,
    pub app: String,
    pub stage: Stage,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guesses_follow_the_cli() {
        assert_eq!(Stage::guess("shop-staging"), ("shop", Stage::Staging));
        assert_eq!(Stage::guess("shop-dev"), ("shop", Stage::Development));
        assert_eq!(Stage::guess("shop"), ("shop", Stage::Production));
        assert_eq!(Stage::guess("shop-prod"), ("shop", Stage::Production));
    }
}
