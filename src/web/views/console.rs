//! Every command the page ran, beside its output: the CLI a trainee learns
//! while clicking.

use super::use_store;
use crate::cli::Stream;
use leptos::prelude::*;

#[component]
pub fn Console() -> impl IntoView {
    let store = use_store();
    let entries = move || store.console.get().into_iter().rev().collect::<Vec<_>>();
    view! {
        <section class="panel console" aria-labelledby="console-title">
            <h2 id="console-title">"Commands"</h2>
            <div class="console-log" role="log" aria-live="polite" tabindex="0" aria-label="Commands run and their output">
                {move || store.console.with(|c| c.is_empty()).then(|| view! { <p class="empty">"Commands the forms run appear here with their output."</p> })}
                <For each=entries key=|e| e.id let:entry>
                    <div class="entry" class:failed=!entry.output.ok>
                        <pre class="command"><code>{format!("$ {}", entry.line)}</code></pre>
                        <pre class="output">
                            {entry.output.lines.into_iter().map(|line| {
                                let class = if line.stream == Stream::Stderr { "stderr" } else { "stdout" };
                                view! { <span class=class>{line.text}"\n"</span> }
                            }).collect_view()}
                        </pre>
                    </div>
                </For>
            </div>
        </section>
    }
}
