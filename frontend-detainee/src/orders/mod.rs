//! The detainee's canteen orders: the list, one order with its delivery, changes, disputes.

pub mod detail;
pub mod dispute_form;
pub mod edit;
pub mod line_item;
pub mod list;
pub mod placed_actions;
pub mod status_block;
pub mod summary;
