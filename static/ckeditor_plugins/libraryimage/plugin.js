// The editor's image button: images come from the media library, and uploads go into it
// through the library's own checks (library/picker.py). No other address can be inserted.
// The body keeps <img data-image="ID">; the public page renders it from the library.
(function () {
  "use strict";

  function languageOf(editor) {
    // modeltranslation names the fields body_en, body_tr …: the text's language is the suffix.
    var parts = String(editor.name || "").split("_");
    return parts.length > 1 ? parts[parts.length - 1] : "";
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function dialogDefinition(editor) {
    var options = editor.config.libraryImage || {};
    var labels = options.labels || {};
    var chosen = null;
    var list = null;
    var status = null;

    function say(text) {
      status.textContent = text || "";
    }

    function select(image, button) {
      chosen = image;
      list.querySelectorAll("button").forEach(function (each) {
        each.setAttribute("aria-pressed", each === button ? "true" : "false");
        each.style.outline = each === button ? "3px solid #205493" : "none";
      });
    }

    function show(images) {
      while (list.firstChild) list.removeChild(list.firstChild);
      images.forEach(function (image) {
        var button = document.createElement("button");
        var thumb = document.createElement("img");
        var title = document.createElement("span");
        button.type = "button";
        button.className = "library-picker-item";
        button.setAttribute("aria-pressed", "false");
        button.setAttribute("data-image", String(image.id));
        button.style.cssText = "display:flex;flex-direction:column;gap:4px;padding:4px;" +
          "border:1px solid #ccc;background:#fff;cursor:pointer;white-space:normal;text-align:start";
        thumb.src = image.thumb;
        thumb.alt = "";
        thumb.style.cssText = "width:100%;height:72px;object-fit:cover";
        title.textContent = image.title;
        button.appendChild(thumb);
        button.appendChild(title);
        button.addEventListener("click", function () {
          select(image, button);
        });
        list.appendChild(button);
      });
      say(images.length ? "" : labels.none);
    }

    function request(url, init) {
      return fetch(url, init).then(function (response) {
        return response.json().then(function (body) {
          if (!response.ok) throw new Error(body.error || labels.failed);
          return body;
        });
      });
    }

    function load(query) {
      var params = new URLSearchParams({ q: query || "", language: languageOf(editor) });
      say(labels.loading);
      request(options.choices + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      }).then(function (body) {
        show(body.images);
      }).catch(function (error) {
        say(error.message);
      });
    }

    function upload(dialog, file) {
      var data = new FormData();
      data.append("file", file);
      data.append("language", languageOf(editor));
      data.append("alt", dialog.getValueOf("library", "alt"));
      say(labels.uploading);
      request(options.upload, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
      }).then(function (body) {
        show([body.image]);
        select(body.image, list.querySelector("button"));
        say(labels.uploaded);
      }).catch(function (error) {
        say(error.message);
      });
    }

    return {
      title: labels.title,
      minWidth: 540,
      minHeight: 380,
      contents: [
        {
          id: "library",
          label: labels.title,
          elements: [
            {
              type: "hbox",
              widths: ["75%", "25%"],
              children: [
                { type: "text", id: "query", label: labels.search },
                {
                  type: "button",
                  id: "find",
                  label: labels.find,
                  style: "margin-top:18px",
                  onClick: function () {
                    load(this.getDialog().getValueOf("library", "query"));
                  },
                },
              ],
            },
            {
              type: "html",
              id: "results",
              html: '<div class="library-picker-list" style="display:grid;' +
                "grid-template-columns:repeat(4,1fr);gap:8px;max-height:230px;overflow:auto;" +
                'padding:4px"></div>',
            },
            { type: "html", id: "status", html: '<p class="library-picker-status" role="status"></p>' },
            { type: "text", id: "alt", label: labels.uploadAlt },
            {
              type: "html",
              id: "file",
              html: '<label class="library-picker-upload">' +
                '<span></span> <input type="file" accept="image/jpeg,image/png,image/webp,image/avif">' +
                "</label>",
              onLoad: function () {
                var dialog = this.getDialog();
                var root = this.getElement().$;
                root.querySelector("span").textContent = labels.upload;
                root.querySelector("input").addEventListener("change", function (event) {
                  if (event.target.files.length) upload(dialog, event.target.files[0]);
                  event.target.value = "";
                });
              },
            },
          ],
        },
      ],
      onLoad: function () {
        list = this.getContentElement("library", "results").getElement().$;
        status = this.getContentElement("library", "status").getElement().$;
      },
      onShow: function () {
        chosen = null;
        load("");
      },
      onOk: function () {
        if (!chosen) {
          say(labels.choose);
          return false;
        }
        var element = editor.document.createElement("img");
        element.setAttributes({
          "data-image": String(chosen.id),
          src: chosen.src,
          alt: chosen.alt,
          width: String(chosen.width),
          height: String(chosen.height),
        });
        editor.insertElement(element);
        return true;
      },
    };
  }

  CKEDITOR.plugins.add("libraryimage", {
    requires: "dialog",
    init: function (editor) {
      var labels = (editor.config.libraryImage || {}).labels || {};
      editor.addCommand(
        "libraryImage",
        new CKEDITOR.dialogCommand("libraryImage", {
          allowedContent: "img[!data-image,src,alt,width,height]",
          requiredContent: "img[data-image]",
        })
      );
      editor.ui.addButton("LibraryImage", {
        label: labels.button,
        command: "libraryImage",
        toolbar: "insert",
        icon: "image",
      });
      // One definition per name for every editor of the page: each opens it for itself.
      CKEDITOR.dialog.add("libraryImage", dialogDefinition);
    },
  });
})();
