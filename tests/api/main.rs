//! API tests: each starts the real server on an ephemeral port and calls it with a tonic client.

mod buffers;
mod errors;
mod grpc_web;
mod faults;
mod health;
mod helpers;
mod hostile;
mod http;
mod metrics;
mod prepare;
mod remote;
mod scripts;
mod security;
mod shutdown;
mod stream;
