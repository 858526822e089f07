//! Meta rules: about copydesk's own comments and configuration rather than
//! the prose.

pub mod unused_suppression;
