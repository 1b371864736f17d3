//! `pyws-server [--host H] [--port P] [--root DIR]`: the pyws dev server.

use std::{io::Write, net::SocketAddr, process::ExitCode};

use pyws_server::{
    app,
    cli::{self, Command},
    Config,
};

/// Exit code for a command line or listening address that cannot be used.
const USAGE_EXIT: u8 = 2;

#[tokio::main]
async fn main() -> ExitCode {
    let options = match cli::parse_args(std::env::args_os().skip(1)) {
        Ok(Command::Serve(options)) => options,
        Ok(Command::Help) => {
            print!("{}", cli::usage());
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprint!("error: {error}\n\n{}", cli::usage());
            return ExitCode::from(USAGE_EXIT);
        }
    };
    let listener = match cli::listen(&options.host, options.port).await {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::from(USAGE_EXIT);
        }
    };
    let address = match listener.local_addr() {
        Ok(address) => address,
        Err(error) => {
            eprintln!("error: cannot read the listening address: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Whoever started us may be blocked on this line, so push it out now; a
    // closed stdout is no reason to stop serving.
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", cli::listening_line(address));
    let _ = stdout.flush();
    drop(stdout);

    let app = app(&Config::from_root(&options.root));
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
    if let Err(error) = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
    {
        eprintln!("error: {error}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Resolves on Ctrl-C or, on Unix, SIGTERM. A signal that cannot be watched
/// never fires rather than stopping the server at once.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                terminate.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = terminate => {}
    }
}
