//! The built-in lessons, for the native runner. The browser fetches the
//! same files as data (`lessons/index.txt` lists them); its build never
//! refers to these, so they stay out of the wasm.

pub const SOURCES: &[&str] = &[
    include_str!("../../lessons/01-every-change.md"),
    include_str!("../../lessons/02-listing.md"),
    include_str!("../../lessons/03-release-info.md"),
    include_str!("../../lessons/04-rollback-previous.md"),
    include_str!("../../lessons/05-rollback-to-version.md"),
    include_str!("../../lessons/06-rollback-addons.md"),
    include_str!("../../lessons/07-revert-instead.md"),
    include_str!("../../lessons/08-classic-listing.md"),
    include_str!("../../lessons/09-retention-fir.md"),
    include_str!("../../lessons/10-retention-policies.md"),
    include_str!("../../lessons/11-release-phase.md"),
    include_str!("../../lessons/12-provider-update.md"),
    include_str!("../../lessons/13-config-rules.md"),
];
