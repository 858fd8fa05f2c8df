/**
 * A ZIP archive of uncompressed ("stored") entries, enough for the file sniffer, which reads only
 * the entry names from the central directory (CRCs are left 0: nothing here checks them).
 *
 * @example
 * storedZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })
 */
export function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(entries)) {
    const nameBytes = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += 30 + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
/** A Word (.docx) package's parts, by name only. */
export const docxBytes = (extra: Record<string, string> = {}) =>
  storedZip({ '[Content_Types].xml': TYPES, '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>', ...extra })
/** An Excel (.xlsx) package's parts, by name only. */
export const xlsxBytes = (extra: Record<string, string> = {}) =>
  storedZip({ '[Content_Types].xml': TYPES, '_rels/.rels': '<Relationships/>', 'xl/workbook.xml': '<workbook/>', ...extra })
