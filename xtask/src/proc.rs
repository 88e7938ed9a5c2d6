//! Running child processes: echo each command, run it, and turn failures into sentences.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::Result;

/// A `cargo` command run from the repository root, using the same cargo (and so the same
/// toolchain) that is running xtask.
pub fn cargo(root: &Path) -> Command {
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command.current_dir(root);
    command
}

/// `program arg arg…`, for logs and error messages.
pub fn describe(command: &Command) -> String {
    let program = Path::new(command.get_program());
    // Tools run by absolute path; the file name is what a reader recognises.
    let mut text = program
        .file_name()
        .unwrap_or(program.as_os_str())
        .to_string_lossy()
        .into_owned();
    for arg in command.get_args() {
        text.push(' ');
        text.push_str(&arg.to_string_lossy());
    }
    text
}

/// Runs a command with inherited output; a non-zero exit is an error naming the command.
pub fn run(command: &mut Command) -> Result<()> {
    let line = describe(command);
    println!("$ {line}");
    let status = command
        .status()
        .map_err(|e| format!("cannot start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Runs a command, passing its stdout through line by line while keeping a copy to parse test
/// counts from. Returns whether it succeeded, and the stdout.
pub fn run_tee(command: &mut Command) -> Result<(bool, String)> {
    let line = describe(command);
    println!("$ {line}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start `{line}`: {e}"))?;
    let mut reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut captured = String::new();
    let mut buffer = Vec::new();
    let mut out = std::io::stdout();
    loop {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) => break,
            Ok(_) => {
                let text = String::from_utf8_lossy(&buffer);
                // Losing our own stdout (a closed pipe) must not kill the child mid-run.
                let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
                captured.push_str(&text);
            }
            Err(e) => return Err(format!("reading the output of `{line}`: {e}")),
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for `{line}`: {e}"))?;
    Ok((status.success(), captured))
}

/// The trimmed stdout of a command that exits successfully, or `None` when it cannot be started
/// or fails: used to ask tools for their version.
pub fn stdout_of(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
