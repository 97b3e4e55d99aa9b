//! Thin Leptos components emitting the French State design system's (DSFR) `fr-*` markup.

mod alert;
mod button;
mod checkbox;
mod confirm;
mod field;
mod footer;
mod header;
mod loaded;
mod page_title;
mod shell;
mod stepper;
mod textarea;
mod tile;

pub use alert::{Alert, AlertKind, ErrorAlert, Loading};
pub use button::{Button, ButtonKind, SubmitRow};
pub use checkbox::CheckboxField;
pub use confirm::ConfirmButton;
pub use field::{InputField, SelectField, SelectOption};
pub use footer::Footer;
pub use header::{Header, NavLink};
pub use loaded::loaded;
pub use page_title::PageTitle;
pub use shell::{AppShell, Layout, NotFound};
pub use stepper::QuantityStepper;
pub use textarea::TextareaField;
pub use tile::Tile;
