//! Bundles the explorer of graph.html (web/: sigma.js and graphology from the npm registry, and
//! vncite's own code) with esbuild into OUT_DIR/explorer.js, which src/export/html.rs embeds.
//! Needs Node.js and npm (and the npm registry the first time); without them the binary still
//! builds, with an empty explorer, and `--format html` says how to get it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    for p in ["web/src", "web/package.json", "web/package-lock.json"] {
        println!("cargo:rerun-if-changed={p}");
    }
    println!("cargo:rerun-if-env-changed=VNCITE_NO_EXPLORER");
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into()));
    let (js, why) = match bundle(&out) {
        Ok(js) => (js, String::new()),
        Err(why) => {
            println!("cargo:warning=the graph.html explorer is not built in: {why}");
            (String::new(), why)
        }
    };
    let write = |name: &str, text: &str| {
        if let Err(e) = std::fs::write(out.join(name), text) {
            println!("cargo:warning=writing {name} in OUT_DIR: {e}");
        }
    };
    write("explorer.js", &js);
    write("explorer-missing.txt", &why);
}

/// npm ci and esbuild in a copy of web/ under OUT_DIR, so the source tree gets no node_modules.
fn bundle(out: &Path) -> Result<String, String> {
    if std::env::var_os("VNCITE_NO_EXPLORER").is_some() {
        return Err("VNCITE_NO_EXPLORER is set".into());
    }
    let web = out.join("web");
    std::fs::create_dir_all(web.join("src")).map_err(|e| e.to_string())?;
    for f in ["package.json", "package-lock.json"] {
        copy_if_changed(&Path::new("web").join(f), &web.join(f))?;
    }
    for e in std::fs::read_dir("web/src").map_err(|e| format!("web/src: {e}"))? {
        let e = e.map_err(|e| e.to_string())?;
        copy_if_changed(&e.path(), &web.join("src").join(e.file_name()))?;
    }
    let stamp = web.join("node_modules/.vncite-lock");
    let lock = std::fs::read(web.join("package-lock.json")).map_err(|e| e.to_string())?;
    if std::fs::read(&stamp).ok().as_deref() != Some(&lock[..]) {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"])
            .current_dir(&web))
        .map_err(|e| {
            format!("npm ci failed ({e}); install Node.js and npm (apt-get install nodejs npm) and build again")
        })?;
        let _ = std::fs::write(&stamp, &lock);
    }
    let target = web.join("explorer.js");
    // the bundling command is web/package.json's "build" script, written once
    run(Command::new("npm").args(["run", "--silent", "build"]).env("VNCITE_BUNDLE", &target).current_dir(&web))
        .map_err(|e| format!("esbuild failed: {e}"))?;
    std::fs::read_to_string(&target).map_err(|e| e.to_string())
}

fn copy_if_changed(from: &Path, to: &Path) -> Result<(), String> {
    let new = std::fs::read(from).map_err(|e| format!("{}: {e}", from.display()))?;
    if std::fs::read(to).ok().as_deref() != Some(&new[..]) {
        std::fs::write(to, new).map_err(|e| format!("{}: {e}", to.display()))?;
    }
    Ok(())
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let o = cmd.output().map_err(|e| e.to_string())?;
    if o.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&o.stderr).trim().chars().take(600).collect())
    }
}
