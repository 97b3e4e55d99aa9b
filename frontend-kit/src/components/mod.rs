//! Thin Leptos components emitting the French State design system's (DSFR) `fr-*` markup.

mod alert;
mod button;
mod checkbox;
mod field;
mod footer;
mod header;
mod shell;
mod textarea;

pub use alert::{Alert, AlertKind, ErrorAlert, Loading};
pub use button::{Button, ButtonKind, SubmitRow};
pub use checkbox::CheckboxField;
pub use field::{InputField, SelectField, SelectOption};
pub use footer::Footer;
pub use header::{Header, NavLink};
pub use shell::{AppShell, Layout, NotFound};
pub use textarea::TextareaField;
