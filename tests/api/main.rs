//! API tests: each starts the real server on an ephemeral port and calls it with a tonic client.

mod errors;
mod health;
mod helpers;
mod prepare;
mod stream;
