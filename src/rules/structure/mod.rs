//! Structure rules: required sections, their order, empty sections, FAQ
//! entries, heading levels.

pub mod profile;
