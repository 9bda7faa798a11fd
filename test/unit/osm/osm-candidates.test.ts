import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { importOsmFile } from '../../../server/imports/osm/import-osm-file.ts'

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'osm-candidates-'))
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

const OSM = `<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
 <node id="1" lat="39.9800000" lon="116.3100000"/>
 <node id="2" lat="39.9800000" lon="116.3110000"/>
 <node id="3" lat="39.9810000" lon="116.3110000"/>
 <node id="4" lat="39.9810000" lon="116.3100000"/>
 <node id="5" lat="39.9805000" lon="116.3120000"><tag k="amenity" v="nursing_home"/><tag k="name" v="颐和敬老院"/></node>
 <node id="6" lat="39.9790000" lon="116.3100000"/>
 <node id="7" lat="39.9790000" lon="116.3120000"/>
 <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/><tag k="landuse" v="residential"/><tag k="name" v="知春里"/></way>
 <way id="11"><nd ref="1"/><nd ref="2"/><nd ref="99"/><nd ref="1"/><tag k="landuse" v="residential"/></way>
 <way id="12"><nd ref="6"/><nd ref="7"/><tag k="highway" v="residential"/></way>
 <way id="13"><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="2"/><tag k="building" v="yes"/></way>
</osm>
`

describe('candidate facilities and compounds of an OSM file', () => {
  it('writes named facilities as points and residential areas as outlines with households left empty', async () => {
    const file = path.join(tmp, 'small.osm')
    fs.writeFileSync(file, OSM)
    const { candidates, counts } = await importOsmFile(undefined, file, { dryRun: true })
    expect(candidates.facilities.features).toEqual([
      { type: 'Feature', geometry: { type: 'Point', coordinates: [116.312, 39.9805] }, properties: { 名称: '颐和敬老院', 类型: 'elderly_institution', 来源: 'OpenStreetMap node/5' } },
    ])
    // Way 11 has a node the extract lacks, so it is left out; the building (way 13) is no compound candidate file row.
    expect(counts.compoundCandidates).toEqual({ residentialLanduse: 2, buildings: 1 })
    expect(candidates.compounds.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [[[116.31, 39.98], [116.311, 39.98], [116.311, 39.981], [116.31, 39.981], [116.31, 39.98]]] },
        properties: { 小区名称: '知春里', 户数: null, 来源: 'OpenStreetMap way/10' },
      },
    ])
  })
})
