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
    if FORMAT:match("html") then
      image.attributes["alt"] = alt
    end
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
local counts = {fig = 0, tbl = 0}
local supplements = {fig = "Figure", tbl = "Table"}

local function numbered(caption, identifier)
  local kind = identifier:match("^(%a+)%-")
  if not (FORMAT:match("html") and supplements[kind]) or #caption.long == 0 then return nil end
  counts[kind] = counts[kind] + 1
  local first = caption.long[1]
  first.content:insert(1, pandoc.Str(supplements[kind] .. "\u{a0}" .. counts[kind] .. ":"))
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
-- float in HTML; in Typst a reference, which Typst numbers and links itself.
function Pandoc(doc)
  local number = {}
  local seen = {fig = 0, tbl = 0}
  local function remember(identifier)
    local kind = identifier:match("^(%a+)%-")
    if supplements[kind] and not number[identifier] then
      seen[kind] = seen[kind] + 1
      number[identifier] = supplements[kind] .. "\u{a0}" .. seen[kind]
    end
  end
  doc:walk({Figure = function(f) remember(f.identifier) end, Table = function(t) remember(t.identifier) end})
  return doc:walk({Cite = function(cite)
    local id = cite.citations[1].id
    if #cite.citations ~= 1 or not number[id] then return nil end
    if FORMAT == "typst" then return pandoc.RawInline("typst", "@" .. id) end
    return pandoc.Link(number[id], "#" .. id)
  end})
end
