//! The API's per-line refusals (`lines[2].quantity`) turned into sentences naming the product.

use frontend_kit::i18n::t_string;
use frontend_kit::{ApiError, I18n};

/// One sentence per refused line of `names` (the lines in the order they were sent).
pub fn line_errors(i18n: I18n, error: &ApiError, names: &[String]) -> Vec<String> {
    error
        .field_errors()
        .iter()
        .filter_map(|e| {
            let rest = e.field.strip_prefix("lines[")?;
            let (index, field) = rest.split_once("].")?;
            let name = names.get(index.parse::<usize>().ok()?)?;
            Some(if field == "quantity" {
                t_string!(i18n, detainee.canteen.line_too_many, name = name.clone()).to_string()
            } else {
                t_string!(i18n, detainee.canteen.line_gone, name = name.clone()).to_string()
            })
        })
        .collect()
}
