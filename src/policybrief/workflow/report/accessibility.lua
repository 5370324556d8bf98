-- Pandoc filter for both engines (Quarto runs it before its own filters; the Pandoc path
-- after quarto-compat.lua): what a reader with a screen reader or a keyboard needs that
-- neither writer gives by itself.
--   * Typst: every image carries its alt text (fig-alt, or alt), so the tagged PDF's
--     figures are described and the PDF can be PDF/UA-1; Pandoc's Typst writer drops it.
--   * HTML: a table that scrolls sideways on a phone is a region named by its caption that
--     the keyboard can reach and scroll (WCAG 2.1.1).
--   * HTML: the skip link before the title lands on the body, which on the Pandoc path is
--     the page's main landmark (Quarto's page has its own <main>).

local function typst_string(text)
  return '"' .. text:gsub("\\", "\\\\"):gsub('"', '\\"'):gsub("%s+", " ") .. '"'
end

-- Typst: a number's link to its evidence (class evidence, brief/evidence.py) is written
-- through evidence-link (brief-style.typ), which prints it as text; Pandoc's Typst writer
-- keeps no class.
function Link(link)
  if FORMAT ~= "typst" or not link.classes:includes("evidence") then return nil end
  local inlines = pandoc.List({pandoc.RawInline("typst", "#evidence-link(" .. typst_string(link.target) .. ")[")})
  inlines:extend(link.content)
  -- Its own ";" ends the call: Typst would take a ";" of the text after it for that.
  inlines:insert(pandoc.RawInline("typst", "];"))
  return inlines
end

function Image(image)
  local alt = image.attributes["fig-alt"] or image.attributes["alt"]
  if FORMAT ~= "typst" or not alt then return nil end
  -- A width in points (a quoted sentence's page picture) is kept: Typst would size it by its pixels.
  local width = image.attributes["width"]
  local size = (width and width:match("^%d+%.?%d*pt$")) and (", width: " .. width) or ""
  return pandoc.RawInline("typst", "#image(" .. typst_string(image.src) .. ", alt: " .. typst_string(alt) .. size .. ")")
end

-- Quarto has made a captioned table a float (a custom node) before this filter runs; its
-- caption is met here, just before the wrapper around it (children come first).
local float_caption

function FloatRefTarget(float)
  if float.type == "Table" then float_caption = pandoc.utils.stringify(float.caption_long or {}) end
end

function Div(div)
  local caption = float_caption
  float_caption = nil
  if not FORMAT:match("html") or not div.classes:includes("table-scroll") then return nil end
  div:walk({Table = function(tbl) caption = caption or pandoc.utils.stringify(tbl.caption.long) end})
  div.attributes["tabindex"] = "0"
  div.attributes["role"] = "region"
  div.attributes["aria-label"] = (caption and caption ~= "") and caption or "Table"
  return div
end

function Pandoc(doc)
  if not FORMAT:match("html") then return nil end
  -- The skip link (skip-link.html, before the title) lands here.
  if quarto then
    doc.blocks:insert(1, pandoc.RawBlock("html", '<div id="main-content"></div>'))
    return doc
  end
  local blocks = pandoc.List({pandoc.RawBlock("html", '<main id="main-content">')})
  blocks:extend(doc.blocks)
  blocks:insert(pandoc.RawBlock("html", "</main>"))
  doc.blocks = blocks
  return doc
end
