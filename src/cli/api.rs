//! Platform API object shapes for `--json` output, as typed structs so the
//! field order is Heroku's and no dynamic JSON is built.

use crate::engine::addons::{Addon, AddonState};
use crate::engine::app::{App, Generation};
use crate::engine::release::Release;
use crate::engine::rng::uuid_from_name;
use crate::engine::World;
use serde::Serialize;

#[derive(Serialize)]
pub struct IdRef<'a> {
    pub id: &'a str,
}

#[derive(Serialize)]
pub struct NameRef<'a> {
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct EmailRef<'a> {
    pub email: &'a str,
}

#[derive(Serialize)]
pub struct AppRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct UserRef<'a> {
    pub email: &'a str,
    pub id: String,
}

#[derive(Serialize)]
pub struct ArtifactRef<'a> {
    #[serde(rename = "type")]
    pub kind: &'a str,
    pub id: &'a str,
}

#[derive(Serialize)]
pub struct ReleaseJson<'a> {
    pub addon_plan_names: &'a [String],
    pub app: AppRef<'a>,
    pub artifacts: Vec<ArtifactRef<'a>>,
    pub created_at: String,
    pub description: String,
    pub status: &'a str,
    pub id: &'a str,
    pub slug: Option<IdRef<'a>>,
    pub updated_at: String,
    pub user: UserRef<'a>,
    pub version: u32,
    pub current: bool,
    pub output_stream_url: Option<String>,
    pub eligible_for_rollback: bool,
    /// Fir apps only (`lib/types/fir.d.ts`); absent for Cedar.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oci_image: Option<Option<IdRef<'a>>>,
}

impl<'a> ReleaseJson<'a> {
    pub fn new(world: &World, app: &'a App, release: &'a Release) -> ReleaseJson<'a> {
        let artifact = release.artifact.map(|id| app.artifact(id));
        let reference = || artifact.map(|a| IdRef { id: &a.id });
        let fir = app.generation == Generation::Fir;
        ReleaseJson {
            addon_plan_names: &release.addon_plan_names,
            app: AppRef { id: &app.id, name: &app.name },
            artifacts: artifact.map(|a| vec![ArtifactRef { kind: a.kind.api_type(), id: &a.id }]).unwrap_or_default(),
            created_at: release.created_at.rfc3339_utc(),
            description: release.change.description(world.style),
            status: release.status.as_str(),
            id: &release.id,
            slug: if fir { None } else { reference() },
            updated_at: release.updated_at.rfc3339_utc(),
            user: UserRef { email: &release.user, id: uuid_from_name(&release.user) },
            version: release.version,
            current: app.current == Some(release.version),
            output_stream_url: release.release_phase.as_ref().map(|_| format!("https://release-output.heroku.com/streams/{}", release.id)),
            eligible_for_rollback: release.eligible_for_rollback(),
            oci_image: fir.then(reference),
        }
    }
}

#[derive(Serialize)]
pub struct AppJson<'a> {
    pub created_at: String,
    pub generation: NameRef<'a>,
    pub git_url: String,
    pub id: &'a str,
    pub name: &'a str,
    pub owner: EmailRef<'a>,
    pub region: NameRef<'static>,
    pub stack: NameRef<'static>,
    pub web_url: String,
}

impl<'a> AppJson<'a> {
    pub fn new(app: &'a App) -> AppJson<'a> {
        AppJson {
            created_at: app.created_at.rfc3339_utc(),
            generation: NameRef { name: app.generation.name() },
            git_url: app.git_url(),
            id: &app.id,
            name: &app.name,
            owner: EmailRef { email: &app.owner },
            region: NameRef { name: "us" },
            stack: NameRef { name: "heroku-24" },
            web_url: app.web_url(),
        }
    }
}

#[derive(Serialize)]
pub struct AttachmentJson<'a> {
    pub app: NameRef<'a>,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct Price {
    pub cents: u32,
    pub unit: &'static str,
}

#[derive(Serialize)]
pub struct PlanJson {
    pub name: String,
    pub price: Price,
}

#[derive(Serialize)]
pub struct AddonJson<'a> {
    pub addon_service: NameRef<'a>,
    pub app: NameRef<'a>,
    pub attachments: Vec<AttachmentJson<'a>>,
    pub id: &'a str,
    pub name: &'a str,
    pub plan: PlanJson,
    pub state: &'static str,
}

impl<'a> AddonJson<'a> {
    pub fn new(addon: &'a Addon) -> AddonJson<'a> {
        AddonJson {
            addon_service: NameRef { name: &addon.service },
            app: NameRef { name: &addon.app },
            attachments: addon.attachments.iter().map(|t| AttachmentJson { app: NameRef { name: &t.app }, name: &t.name }).collect(),
            id: &addon.id,
            name: &addon.name,
            plan: PlanJson { name: addon.plan_name(), price: Price { cents: addon.cents(), unit: "month" } },
            state: match addon.state {
                AddonState::Provisioning => "provisioning",
                AddonState::Provisioned => "provisioned",
            },
        }
    }
}

/// One `config:get --json` result.
#[derive(Serialize)]
pub struct ConfigValue<'a> {
    pub key: &'a str,
    pub value: Option<&'a str>,
}
