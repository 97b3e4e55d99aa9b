//! The two hand-written files of each built app: `index.html` and its `app.js` bootstrap.

/// One front-end as it is built and served.
#[derive(Debug, Clone, Copy)]
pub struct App {
    /// Cargo package (and binary) name.
    pub package: &'static str,
    /// Folder under `dist/`.
    pub dir: &'static str,
    /// URL path the API serves it under; starts and ends with `/`.
    pub base: &'static str,
    /// Document title until the app sets its own.
    pub title: &'static str,
}

pub const APPS: [App; 3] = [
    App {
        package: "frontend-public",
        dir: "public",
        base: "/",
        title: "NED — Espace des proches",
    },
    App {
        package: "frontend-detainee",
        dir: "detainee",
        base: "/detenu/",
        title: "NED — Mon espace",
    },
    App {
        package: "frontend-agent",
        dir: "agent",
        base: "/agent/",
        title: "NED — Console des agents",
    },
];

impl App {
    /// Stem of the wasm-bindgen outputs: `<stem>.js` and `<stem>_bg.wasm`.
    pub fn stem(&self) -> String {
        self.package.replace('-', "_")
    }
}

/// `index.html`: no inline script or style, because the CSP allows neither.
pub fn index_html(app: &App, has_ned_css: bool) -> String {
    let base = app.base;
    let stem = app.stem();
    let ned_css = if has_ned_css {
        format!("\n    <link rel=\"stylesheet\" href=\"{base}ned.css\">")
    } else {
        String::new()
    };
    format!(
        r#"<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="format-detection" content="telephone=no">
    <title>{title}</title>
    <link rel="icon" href="{base}dsfr/favicon/favicon.svg" type="image/svg+xml">
    <link rel="apple-touch-icon" href="{base}dsfr/favicon/apple-touch-icon.png">
    <link rel="stylesheet" href="{base}dsfr/dsfr.min.css">
    <link rel="stylesheet" href="{base}dsfr/utility/icons/icons.min.css">{ned_css}
    <link rel="modulepreload" href="{base}{stem}.js">
    <link rel="preload" href="{base}{stem}_bg.wasm" as="fetch" type="application/wasm" crossorigin>
    <script type="module" src="{base}dsfr/dsfr.module.min.js"></script>
    <script type="module" src="{base}app.js"></script>
  </head>
  <body>
    <noscript>
      <p>Ce service a besoin de JavaScript. Activez JavaScript dans votre navigateur puis rechargez la page.</p>
    </noscript>
  </body>
</html>
"#,
        title = app.title,
    )
}

/// `app.js`: loads the glue and passes it the wasm URL, so the result does not depend on the
/// glue's default path nor on the page's URL (SPA routes like `/detenu/connexion`).
pub fn bootstrap_js(app: &App) -> String {
    let base = app.base;
    let stem = app.stem();
    format!(
        "// Separate file because the Content-Security-Policy forbids inline scripts.\n\
         import init from '{base}{stem}.js';\n\
         \n\
         init({{ module_or_path: '{base}{stem}_bg.wasm' }});\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detainee() -> App {
        APPS[1]
    }

    #[test]
    fn index_is_french_responsive_and_scriptless_inline() {
        let html = index_html(&detainee(), true);
        assert!(html.contains(r#"<html lang="fr">"#));
        assert!(
            html.contains(
                r#"<meta name="viewport" content="width=device-width, initial-scale=1">"#
            )
        );
        assert!(html.contains("<title>NED — Mon espace</title>"));
        assert!(html.contains("<noscript>"));
        // Every <script> has a src: inline code would be blocked by the CSP.
        assert_eq!(
            html.matches("<script").count(),
            html.matches("<script type=\"module\" src=").count()
        );
        assert!(!html.contains("style="));
    }

    #[test]
    fn index_links_assets_under_the_app_base() {
        let html = index_html(&detainee(), true);
        for href in [
            r#"href="/detenu/dsfr/dsfr.min.css""#,
            r#"href="/detenu/dsfr/utility/icons/icons.min.css""#,
            r#"href="/detenu/ned.css""#,
            r#"src="/detenu/dsfr/dsfr.module.min.js""#,
            r#"src="/detenu/app.js""#,
            r#"href="/detenu/frontend_detainee_bg.wasm""#,
        ] {
            assert!(html.contains(href), "missing {href}");
        }
        assert!(!index_html(&detainee(), false).contains("ned.css"));
    }

    #[test]
    fn public_app_lives_at_the_root() {
        let html = index_html(&APPS[0], false);
        assert!(html.contains(r#"src="/app.js""#));
        assert!(html.contains(r#"href="/dsfr/dsfr.min.css""#));
    }

    #[test]
    fn bootstrap_points_the_glue_at_the_wasm_file() {
        let js = bootstrap_js(&APPS[2]);
        assert!(js.contains("import init from '/agent/frontend_agent.js';"));
        assert!(js.contains("init({ module_or_path: '/agent/frontend_agent_bg.wasm' });"));
    }

    #[test]
    fn bases_are_slash_delimited() {
        for app in APPS {
            assert!(
                app.base.starts_with('/') && app.base.ends_with('/'),
                "{}",
                app.base
            );
        }
    }
}
