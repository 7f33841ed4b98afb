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

impl Choice {
    /// What identifies a drawn option: all it shows (FNV-1a). A number,
    /// as the other keyed lists use, rather than the choice itself: each
    /// key type costs the wasm its own copy of the keyed-list code.
    fn key(&self) -> u64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in self.value.bytes().chain([0]).chain(self.label.bytes()).chain([self.disabled as u8]) {
            hash = (hash ^ byte as u64).wrapping_mul(0x0100_0000_01b3);
        }
        hash
    }
}

#[component]
pub fn Choices(#[prop(into)] each: Signal<Vec<Choice>>) -> impl IntoView {
    view! {
        <For each=move || each.get() key=Choice::key let:choice>
            <option value=choice.value disabled=choice.disabled>{choice.label}</option>
        </For>
    }
}
