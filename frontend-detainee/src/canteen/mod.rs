//! The canteen (cantine): catalogue, basket kept on the server, ordering in the weekly window.

pub mod basket_bar;
pub mod basket_lines;
pub mod basket_page;
pub mod basket_store;
pub mod basket_total;
pub mod catalogue_page;
pub mod category_picker;
pub mod line_errors;
pub mod order_placed;
pub mod order_submit;
pub mod product_row;
pub mod shelves;
pub mod window_banner;
