//! HTTP plumbing shared by every domain: extractors, security layers, static front-ends.

pub mod client_ip;
pub mod csrf;
pub mod headers;
pub mod json;
pub mod params;
pub mod spa;
