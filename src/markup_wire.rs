//! Markup made in the plan's worker, sent to the page as HTML text: the page sets it as the
//! inner HTML of one element of its own (`Prop::Html`), so the first load carries no reader
//! for markup from elsewhere. Every text and attribute value is escaped here, pack texts from
//! a host site among them, and the worker's markup has no scripts, handlers or styles.

use qualify_engine::text::escape_html_into;

use crate::markup::{Prop, M};

/// Markup as HTML.
pub fn to_html(m: &M, out: &mut String) {
    match m {
        M::T(t) => escape_html_into(t, out),
        M::E(e) => {
            out.push('<');
            out.push_str(e.tag);
            for (k, v) in &e.attrs {
                // Only the worker writes these names; none of them runs anything.
                debug_assert!(!k.starts_with("on") && *k != "style", "{k}");
                out.push(' ');
                out.push_str(k);
                out.push_str("=\"");
                escape_html_into(v, out);
                out.push('"');
            }
            if e.props.contains(&Prop::Open(true)) {
                out.push_str(" open");
            }
            out.push('>');
            for k in &e.kids {
                to_html(k, out);
            }
            out.push_str("</");
            out.push_str(e.tag);
            out.push('>');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::{h, hc};

    #[test]
    fn markup_becomes_escaped_html() {
        let m: M = hc("section", "q-plan")
            .a("data-program", "x\"><script>")
            .p(Prop::Open(true))
            .c(h("h3").c("<b>标题</b> & more"))
            .into();
        let mut out = String::new();
        to_html(&m, &mut out);
        assert_eq!(
            out,
            "<section class=\"q-plan\" data-program=\"x&quot;&gt;&lt;script&gt;\" open><h3>&lt;b&gt;标题&lt;/b&gt; &amp; more</h3></section>"
        );
    }
}
