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

    tonic_prost_build::configure()
        .build_client(true)
        .build_server(true)
        .compile_fds(descriptors)?;

    pbjson_build::Builder::new()
        .register_descriptors(&descriptor_bytes)?
        .build(&[".articleprep"])?;
    Ok(())
}
