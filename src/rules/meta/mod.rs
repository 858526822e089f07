//! Meta rules: about copydesk's own comments and configuration rather than
//! the prose.

pub mod input_limit;
pub mod unused_suppression;
