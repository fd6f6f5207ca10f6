// Extensions for django-prose-editor (thinktank/editors.py): markup our server's sanitizer keeps
// (thinktank/richtext.py) that the editor's own extensions would drop when they load a text.
// Without them a footnote marker <sup data-citation="3">[3]</sup> would come back as <sup>[3]</sup>.
import { Extension, Superscript as BaseSuperscript } from "django-prose-editor/editor";

function kept(name) {
  return {
    default: null,
    parseHTML: (element) => element.getAttribute(name),
    renderHTML: (attributes) => {
      const key = name.replace(/^data-/, "");
      return attributes[key] ? { [name]: attributes[key] } : {};
    },
  };
}

function plain(name) {
  return {
    default: null,
    parseHTML: (element) => element.getAttribute(name),
    renderHTML: (attributes) => (attributes[name] ? { [name]: attributes[name] } : {}),
  };
}

// A superscript that keeps the footnote marker's citation number.
export const Superscript = BaseSuperscript.extend({
  addAttributes() {
    return { ...this.parent?.(), citation: kept("data-citation") };
  },
});

// lang and title on every block and link, scope on header cells.
export const KeptAttributes = Extension.create({
  name: "keptAttributes",
  addGlobalAttributes() {
    return [
      {
        types: [
          "paragraph", "heading", "blockquote", "bulletList", "orderedList", "listItem",
          "table", "tableRow", "tableHeader", "tableCell", "link",
        ],
        attributes: { lang: plain("lang"), title: plain("title") },
      },
      { types: ["tableHeader"], attributes: { scope: plain("scope") } },
    ];
  },
});
