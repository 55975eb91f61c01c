//! Compiles the proto with protox (no system `protoc`), generates the tonic/prost code, the
//! pbjson serde impls (canonical proto3 JSON), and writes the descriptor set for reflection.

use std::{env, fs, path::PathBuf};

use prost::Message;

const PROTO: &str = "proto/articleprep/v1/article_prep.proto";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto");
    let out_dir = PathBuf::from(env::var("OUT_DIR")?);

    let descriptors = protox::compile([PROTO], ["proto"])?;
    let descriptor_bytes = descriptors.encode_to_vec();
    fs::write(
        out_dir.join("article_prep_descriptor.bin"),
        &descriptor_bytes,
    )?;

    // The FieldMask is ours (src/server/field_mask.rs): its proto3 JSON is a comma-separated
    // string, which pbjson-types does not write.
    tonic_prost_build::configure()
        .extern_path(
            ".google.protobuf.FieldMask",
            "crate::api::field_mask::FieldMask",
        )
        .build_client(true)
        .build_server(true)
        .compile_fds(descriptors)?;

    // Every field is written, zero and empty ones too (`"index": 0`, `"start": 0`, `"text": ""`):
    // a client reading `batch` or `prepare` output never meets a missing key.
    pbjson_build::Builder::new()
        .register_descriptors(&descriptor_bytes)?
        .emit_fields()
        .extern_path(
            ".google.protobuf.FieldMask",
            "crate::api::field_mask::FieldMask",
        )
        .build(&[".articleprep"])?;
    Ok(())
}
