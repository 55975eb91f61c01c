# Multi-stage build: compile with the Rust toolchain, ship only the binary on a small distroless
# base as a non-root user. No protoc needed (the proto is compiled by protox in build.rs).
# The development machines have the docker CLI but no daemon: this file is checked by
# tests/deploy.rs (user, ports, flags), not built there.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin article-prep

FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /src/target/release/article-prep /usr/local/bin/article-prep
USER 65532:65532
EXPOSE 50051 9090
ENTRYPOINT ["/usr/local/bin/article-prep"]
CMD ["--log-format", "json", "serve", "--listen", "0.0.0.0:50051", "--metrics-listen", "0.0.0.0:9090"]
