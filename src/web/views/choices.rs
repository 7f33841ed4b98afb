//! The `<option>`s of a select that follows the world. Every such list on
//! the page goes through this one component: each distinct kind of keyed
//! list costs about 2 kB of gzipped wasm.

use leptos::prelude::*;

/// One option: what the select's value becomes, what the user reads, and
/// whether it can be chosen.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub disabled: bool,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice { value: value.into(), label: label.into(), disabled: false }
    }

    /// A choice whose value is its label.
    pub fn plain(text: impl Into<String>) -> Choice {
        let text = text.into();
        Choice::new(text.clone(), text)
    }
}

#[component]
pub fn Choices(#[prop(into)] each: Signal<Vec<Choice>>) -> impl IntoView {
    view! {
        <For each=move || each.get() key=|choice| choice.clone() let:choice>
            <option value=choice.value disabled=choice.disabled>{choice.label}</option>
        </For>
    }
}
