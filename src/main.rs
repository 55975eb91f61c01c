//! The `article-prep` binary: parse flags, set up logging, dispatch.

use std::process::ExitCode;

use article_prep::cli::{self, Cli, Command};
use article_prep::server::Application;
use article_prep::telemetry;
use clap::Parser;

fn main() -> ExitCode {
    let args = Cli::parse();
    let result = match &args.command {
        Command::Serve(serve) => {
            telemetry::init(
                args.log_format,
                telemetry::filter(telemetry::SERVE_FILTER),
                std::io::stderr,
            );
            serve_blocking(serve)
        }
        Command::Prepare(prepare) => {
            telemetry::init(
                args.log_format,
                telemetry::filter(telemetry::CLI_FILTER),
                std::io::stderr,
            );
            cli::prepare(prepare).map_err(|e| e.to_string())
        }
        Command::Batch(batch) => {
            telemetry::init(
                args.log_format,
                telemetry::filter(telemetry::CLI_FILTER),
                std::io::stderr,
            );
            cli::batch(batch).map_err(|e| e.to_string())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("article-prep: {message}");
            ExitCode::FAILURE
        }
    }
}

fn serve_blocking(args: &cli::ServeArgs) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    runtime.block_on(async {
        let app = Application::build(args.settings())
            .await
            .map_err(|e| e.to_string())?;
        app.run_until_stopped(shutdown_signal())
            .await
            .map_err(|e| e.to_string())
    })
}

/// Resolves on Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
}
