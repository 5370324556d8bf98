-- Pandoc filter for the Pandoc + Typst path: gives the Quarto features the brief uses the
-- meaning Quarto gives them, so one brief.qmd renders the same through both engines.
--   * fig-alt="..."  -> the image's alt text (Quarto: alt text distinct from the caption)
--   * .content-visible / .content-hidden with when-format / unless-format
--   * table captions ": Caption {#tbl-x}" keep their id as an anchor

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

-- The edition line is set small and muted in the PDF, as brief.css sets it in HTML.
local function small_print(div)
  local blocks = pandoc.Blocks({pandoc.RawBlock("typst", "#block[#set text(size: 9pt, fill: muted)")})
  blocks:extend(div.content)
  blocks:insert(pandoc.RawBlock("typst", "]"))
  return blocks
end

function Div(div)
  if FORMAT == "typst" and div.classes:includes("edition-line") then
    return small_print(div)
  end
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
