//! A release diff as a definition list: one term per aspect (code, config
//! vars, add-on plans, status), its lines beneath. Shared by the details
//! and the rollback preview.

use crate::markup::Markup;

pub fn diff_html(out: &mut Markup, rows: Vec<(&'static str, Vec<String>)>) {
    out.s(r#"<dl class="diff">"#);
    for (aspect, lines) in rows {
        out.el("dt", aspect).s("<dd>");
        for line in lines {
            out.s("<div>").el("code", &line).s("</div>");
        }
        out.s("</dd>");
    }
    out.s("</dl>");
}
