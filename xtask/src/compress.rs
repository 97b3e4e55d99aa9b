//! Precompressed siblings (`.gz`, `.br`) that the API serves instead of compressing per request.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::Result;

/// File types worth compressing; fonts and images are already compressed.
const COMPRESSIBLE: &[&str] = &["wasm", "js", "css", "html", "svg"];

/// Sizes of one file and its compressed forms, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub raw: u64,
    pub gzip: u64,
    pub brotli: u64,
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("writing to memory");
    enc.finish().expect("writing to memory")
}

pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &data[..], &mut out, &params).expect("writing to memory");
    out
}

/// Files above this size go through the cache: brotli at quality 11 takes seconds per MiB.
const CACHE_ABOVE: u64 = 64 * 1024;

/// Writes `file.gz` and `file.br` beside `file` and returns the three sizes.
///
/// A compressed form no smaller than the original is not written (tiny SVGs): the server then
/// falls back to the original, which is what a client should get anyway. Large files are
/// looked up in `cache` first (one entry per file name, replaced when the content changes), so
/// rebuilding an unchanged app costs no compression.
pub fn write_siblings(file: &Path, cache: Option<&Path>) -> Result<Sizes> {
    let data = std::fs::read(file).map_err(|e| format!("reading {}: {e}", file.display()))?;
    let raw = data.len() as u64;
    let cache = cache.filter(|_| raw > CACHE_ABOVE).and_then(|dir| {
        let name = file.file_name()?;
        Some(CacheEntry {
            base: dir.join(name),
            key: content_key(&data),
        })
    });
    let (gz, br) = match cache.as_ref().and_then(CacheEntry::load) {
        Some(hit) => hit,
        None => {
            let fresh = (gzip(&data), brotli(&data));
            if let Some(entry) = &cache {
                entry.store(&fresh)?;
            }
            fresh
        }
    };
    let mut sizes = Sizes {
        raw,
        gzip: raw,
        brotli: raw,
    };
    for (ext, packed) in [("gz", gz), ("br", br)] {
        let len = packed.len() as u64;
        if len >= raw {
            continue;
        }
        let target = with_extra_extension(file, ext);
        std::fs::write(&target, packed)
            .map_err(|e| format!("writing {}: {e}", target.display()))?;
        if ext == "gz" {
            sizes.gzip = len;
        } else {
            sizes.brotli = len;
        }
    }
    Ok(sizes)
}

/// Compressed forms of one file name's last content.
struct CacheEntry {
    base: PathBuf,
    key: String,
}

impl CacheEntry {
    fn load(&self) -> Option<(Vec<u8>, Vec<u8>)> {
        let key = std::fs::read_to_string(with_extra_extension(&self.base, "key")).ok()?;
        if key != self.key {
            return None;
        }
        let gz = std::fs::read(with_extra_extension(&self.base, "gz")).ok()?;
        let br = std::fs::read(with_extra_extension(&self.base, "br")).ok()?;
        Some((gz, br))
    }

    fn store(&self, (gz, br): &(Vec<u8>, Vec<u8>)) -> Result {
        let write = |ext: &str, bytes: &[u8]| {
            let path = with_extra_extension(&self.base, ext);
            std::fs::write(&path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))
        };
        if let Some(dir) = self.base.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        }
        // The key last: an interrupted store leaves a stale key, never a wrong hit.
        write("gz", gz)?;
        write("br", br)?;
        write("key", self.key.as_bytes())
    }
}

/// Identifies content for the cache; collisions only cost a stale compressed file in target/.
fn content_key(data: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    data.hash(&mut hasher);
    format!("{:016x}-{}", hasher.finish(), data.len())
}

/// Whether `path` is one of the types the server gets precompressed.
pub fn is_compressible(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| COMPRESSIBLE.contains(&e))
}

fn with_extra_extension(file: &Path, ext: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(ext);
    PathBuf::from(name)
}

/// Human-readable size: bytes below 1 KiB, then KiB / MiB with one decimal.
pub fn human_size(bytes: u64) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.2} MiB", b / (KIB * KIB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn formats_sizes_for_people() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(3 * 1024 * 1024 + 512 * 1024), "3.50 MiB");
    }

    #[test]
    fn compressed_forms_round_trip() {
        let text = "Bonjour Marie. ".repeat(200).into_bytes();
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&text)[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, text);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(&text)[..], &mut back).unwrap();
        assert_eq!(back, text);
    }

    #[test]
    fn writes_siblings_only_when_smaller() {
        let dir = std::env::temp_dir().join(format!("xtask-compress-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let big = dir.join("app.js");
        std::fs::write(&big, "console.log('parloir');\n".repeat(100)).unwrap();
        let tiny = dir.join("dot.svg");
        std::fs::write(&tiny, "<svg/>").unwrap();

        let sizes = write_siblings(&big, None).unwrap();
        assert!(sizes.gzip < sizes.raw && sizes.brotli < sizes.raw);
        assert!(dir.join("app.js.gz").exists() && dir.join("app.js.br").exists());

        let sizes = write_siblings(&tiny, None).unwrap();
        assert_eq!(
            sizes,
            Sizes {
                raw: 6,
                gzip: 6,
                brotli: 6
            }
        );
        assert!(!dir.join("dot.svg.gz").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn large_files_are_compressed_once_per_content() {
        let dir = std::env::temp_dir().join(format!("xtask-cache-{}", std::process::id()));
        let cache = dir.join("cache");
        std::fs::create_dir_all(&dir).unwrap();
        let wasm = dir.join("app_bg.wasm");
        let content: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&wasm, &content).unwrap();
        let first = write_siblings(&wasm, Some(&cache)).unwrap();
        assert!(cache.join("app_bg.wasm.key").exists());

        // A planted cache entry is used as is while the content is unchanged...
        std::fs::write(cache.join("app_bg.wasm.gz"), b"cached").unwrap();
        write_siblings(&wasm, Some(&cache)).unwrap();
        assert_eq!(
            std::fs::read(dir.join("app_bg.wasm.gz")).unwrap(),
            b"cached"
        );

        // ...and ignored once the content changes.
        let mut changed = content.clone();
        changed[0] ^= 1;
        std::fs::write(&wasm, &changed).unwrap();
        let again = write_siblings(&wasm, Some(&cache)).unwrap();
        assert_ne!(
            std::fs::read(dir.join("app_bg.wasm.gz")).unwrap(),
            b"cached"
        );
        assert!(again.gzip < again.raw && first.brotli < first.raw);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn knows_what_to_compress() {
        assert!(is_compressible(Path::new(
            "dist/public/frontend_public_bg.wasm"
        )));
        assert!(is_compressible(Path::new(
            "dsfr/icons/system/close-line.svg"
        )));
        assert!(!is_compressible(Path::new(
            "dsfr/fonts/Marianne-Bold.woff2"
        )));
        assert!(!is_compressible(Path::new("index.html.gz")));
    }
}
