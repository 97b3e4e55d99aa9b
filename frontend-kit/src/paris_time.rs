//! Visit dates in words, always in Paris time whatever the phone's time zone:
//! "mardi 1 décembre à 14 h 00".

use shared_types::date::Date;
use wasm_bindgen::JsValue;

use crate::i18n::Locale;
use crate::locale::I18n;

/// One instant as seen on a Paris wall clock, with the day and month names of a language.
struct ParisParts {
    weekday: String,
    day: String,
    month: String,
    hour: String,
    minute: String,
    year: String,
    month_number: String,
}

fn tag(locale: Locale) -> &'static str {
    match locale {
        Locale::fr => "fr-FR",
        Locale::en => "en-GB",
    }
}

fn parts(locale: Locale, unix_seconds: i64, numeric_month: bool) -> ParisParts {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", "Europe/Paris"),
        ("weekday", "long"),
        ("day", "numeric"),
        ("month", if numeric_month { "2-digit" } else { "long" }),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
        ("hourCycle", "h23"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(tag(locale)));
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    // Seconds to milliseconds: f64 holds every realistic timestamp exactly.
    let date = js_sys::Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
    let mut out = ParisParts {
        weekday: String::new(),
        day: String::new(),
        month: String::new(),
        hour: String::new(),
        minute: String::new(),
        year: String::new(),
        month_number: String::new(),
    };
    for part in format.format_to_parts(&date).iter() {
        let get = |k: &str| {
            js_sys::Reflect::get(&part, &k.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        let value = get("value");
        match get("type").as_str() {
            "weekday" => out.weekday = value,
            "day" => out.day = value,
            "month" if numeric_month => out.month_number = value,
            "month" => out.month = value,
            "year" => out.year = value,
            "hour" => out.hour = value,
            "minute" => out.minute = value,
            _ => {}
        }
    }
    out
}

/// A Unix time (seconds, UTC) as a short date and time in Paris, in the current language.
pub fn format_date_time(i18n: I18n, unix_seconds: i64) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("timeZone", "Europe/Paris"),
        ("dateStyle", "short"),
        ("timeStyle", "short"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let date = js_sys::Date::new(&JsValue::from_f64(unix_seconds as f64 * 1000.0));
    String::from(date.to_locale_string(tag(i18n.get_locale()), &options))
}

/// The day of a visit in words: "mardi 1 décembre".
pub fn format_day(i18n: I18n, unix_seconds: i64) -> String {
    let p = parts(i18n.get_locale(), unix_seconds, false);
    format!("{} {} {}", p.weekday, p.day, p.month)
}

/// The Paris time of a visit: "14 h 00" in French, "14:00" in English.
pub fn format_time(i18n: I18n, unix_seconds: i64) -> String {
    let locale = i18n.get_locale();
    let p = parts(locale, unix_seconds, false);
    match locale {
        // "9 h 00", as French writes it; the 24-hour clock never starts with a zero there.
        Locale::fr => format!("{} h {}", p.hour.trim_start_matches('0').max("0"), p.minute),
        Locale::en => format!("{}:{}", p.hour, p.minute),
    }
}

/// Day and time of a visit: "mardi 1 décembre à 14 h 00".
pub fn format_visit_date_time(i18n: I18n, unix_seconds: i64) -> String {
    let day = format_day(i18n, unix_seconds);
    let time = format_time(i18n, unix_seconds);
    match i18n.get_locale() {
        Locale::fr => format!("{day} à {time}"),
        Locale::en => format!("{day} at {time}"),
    }
}

/// A calendar date in words: "lundi 30 novembre".
pub fn format_date(i18n: I18n, date: Date) -> String {
    format_day(i18n, noon_utc(date))
}

/// A calendar date in figures, as the language writes it: "01/09/2026".
pub fn format_short_date(i18n: I18n, date: Date) -> String {
    let options = js_sys::Object::new();
    for (key, value) in [("timeZone", "Europe/Paris"), ("dateStyle", "short")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let instant = js_sys::Date::new(&JsValue::from_f64(noon_utc(date) as f64 * 1000.0));
    String::from(instant.to_locale_date_string(tag(i18n.get_locale()), &options))
}

/// The Paris calendar date of an instant.
pub fn paris_date(unix_seconds: i64) -> Date {
    let p = parts(Locale::en, unix_seconds, true);
    Date::parse(&format!("{}-{}-{:0>2}", p.year, p.month_number, p.day))
        .unwrap_or_else(|| Date::from_days(unix_seconds.div_euclid(86_400)))
}

/// Now, in Unix seconds (UTC).
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// Today in Paris.
pub fn paris_today() -> Date {
    paris_date(now_seconds())
}

/// Noon UTC of a date: the same calendar day in Paris in every season.
fn noon_utc(date: Date) -> i64 {
    date.days_since_epoch() * 86_400 + 12 * 3_600
}
