-- Pandoc filter for the Pandoc + Typst path: gives the Quarto features the brief uses the
-- meaning Quarto gives them, so one brief.qmd renders the same through both engines.
--   * fig-alt="..."  -> the image's alt text (Quarto: alt text distinct from the caption)
--   * .content-visible / .content-hidden with when-format / unless-format
--   * figures {#fig-x} and tables {#tbl-x} are numbered in the HTML ("Figure 1: ..."), as
--     Quarto numbers them; Typst numbers them itself in the PDF
--   * cross-references @fig-x and @tbl-x -> "Figure 1" linked to the float (Typst: @fig-x)

local function format_matches(name)
  if name == "html" then return FORMAT:match("html") ~= nil end
  if name == "typst" then return FORMAT == "typst" end
  return FORMAT == name
end

function Image(image)
  local alt = image.attributes["fig-alt"]
  if alt then
    image.attributes["fig-alt"] = nil
    image.attributes["alt"] = alt  -- HTML writes it; accessibility.lua gives it to Typst
  end
  return image
end

function Div(div)
  local visible = div.classes:includes("content-visible")
  local hidden = div.classes:includes("content-hidden")
  if not (visible or hidden) then return nil end
  local when, unless = div.attributes["when-format"], div.attributes["unless-format"]
  local matches = (when and format_matches(when)) or (unless and not format_matches(unless))
  if (visible and matches) or (hidden and not matches) then
    return div.content
  end
  return {}
end

-- Quarto's cross-reference numbering: figures and tables each counted in document order.
-- The HTML captions get their number; every format learns each float's label for @-references.
local counts = {fig = 0, tbl = 0}
local supplements = {fig = "Figure", tbl = "Table"}
local labels = {}  -- identifier -> "Figure 1"

local function numbered(caption, identifier)
  local kind = identifier:match("^(%a+)%-")
  if not supplements[kind] or #caption.long == 0 then return nil end
  counts[kind] = counts[kind] + 1
  labels[identifier] = supplements[kind] .. "\u{a0}" .. counts[kind]
  if not FORMAT:match("html") then return nil end
  local first = caption.long[1]
  first.content:insert(1, pandoc.Str(labels[identifier] .. ":"))
  first.content:insert(2, pandoc.Space())
  return caption
end

function Figure(figure)
  if numbered(figure.caption, figure.identifier) then return figure end
end

function Table(tbl)
  if numbered(tbl.caption, tbl.identifier) then return tbl end
end

-- Cross-references "@fig-x" and "@tbl-x", as Quarto writes them: "Figure 1" linked to the
-- float in HTML; in Typst a reference, which Typst numbers and links itself. (Pandoc applies
-- this after the block functions above, so every float is numbered by then.)
function Pandoc(doc)
  return doc:walk({Cite = function(cite)
    local id = cite.citations[1].id
    if #cite.citations ~= 1 or not labels[id] then return nil end
    if FORMAT == "typst" then return pandoc.RawInline("typst", "@" .. id) end
    return pandoc.Link(labels[id], "#" .. id)
  end})
end
