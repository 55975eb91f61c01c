//! Generated code for `articleprep.v1`, fenced into one module.
#![allow(missing_docs, clippy::all, clippy::pedantic)]

tonic::include_proto!("articleprep.v1");
include!(concat!(env!("OUT_DIR"), "/articleprep.v1.serde.rs"));

/// The encoded file descriptor set, served by gRPC reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    tonic::include_file_descriptor_set!("article_prep_descriptor");
