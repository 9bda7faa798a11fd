import { describe, expect, it } from 'vitest'
import { readPrjCoordinateSystem } from '../../../server/geo/read-prj.ts'

/** .prj files as `ogr2ogr -f "ESRI Shapefile" -t_srs EPSG:<code>` (GDAL 3.6) writes them. */
const esri = {
  wgs84: 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
  cgcs2000: 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
}
const gk = (name: string, falseEasting: number, centralMeridian: number) =>
  `PROJCS["${name}",${esri.cgcs2000},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${falseEasting}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${centralMeridian}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`
/** `projinfo -o WKT1_GDAL EPSG:4529`, the OGC form some tools write. */
const ogc4529 =
  'PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 41",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",123],PARAMETER["scale_factor",1],PARAMETER["false_easting",41500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4529"]]'

describe('readPrjCoordinateSystem', () => {
  it('reads WGS 84 and CGCS2000 longitude/latitude', () => {
    expect(readPrjCoordinateSystem(esri.wgs84)).toEqual({ system: 'wgs84' })
    expect(readPrjCoordinateSystem(esri.cgcs2000)).toEqual({ system: 'cgcs2000' })
  })

  it('tells Gauss–Krüger zones apart by central meridian, zone prefix and width', () => {
    expect(readPrjCoordinateSystem(gk('CGCS2000_3_Degree_GK_Zone_41', 41500000, 123))).toEqual({ system: 'EPSG:4529' })
    expect(readPrjCoordinateSystem(gk('CGCS2000_3_Degree_GK_CM_123E', 500000, 123))).toEqual({ system: 'EPSG:4550' })
    expect(readPrjCoordinateSystem(gk('CGCS2000_3_Degree_GK_Zone_25', 25500000, 75))).toEqual({ system: 'EPSG:4513' })
    expect(readPrjCoordinateSystem(gk('CGCS2000_GK_Zone_21', 21500000, 123))).toEqual({ system: 'EPSG:4499' })
    expect(readPrjCoordinateSystem(gk('CGCS2000_GK_CM_75E', 500000, 75))).toEqual({ system: 'EPSG:4502' })
    expect(readPrjCoordinateSystem(gk('CGCS2000_3_Degree_GK_CM_75E', 500000, 75))).toEqual({ system: 'EPSG:4534' })
    expect(readPrjCoordinateSystem(ogc4529)).toEqual({ system: 'EPSG:4529' })
  })

  it('reports any other system instead of guessing', () => {
    const xian80 = gk('Xian_1980_3_Degree_GK_Zone_41', 41500000, 123).replace(esri.cgcs2000, esri.cgcs2000.replace('GCS_China_Geodetic_Coordinate_System_2000', 'GCS_Xian_1980'))
    expect(readPrjCoordinateSystem(xian80)).toEqual({ problem: expect.stringMatching(/"Xian_1980_3_Degree_GK_Zone_41".*crs/) })
    expect(readPrjCoordinateSystem(gk('CGCS2000_odd_false_easting', 41400000, 123))).toHaveProperty('problem')
    expect(readPrjCoordinateSystem(esri.wgs84.replace('GCS_WGS_1984', 'GCS_Beijing_1954'))).toEqual({ problem: expect.stringMatching(/GCS_Beijing_1954/) })
    expect(readPrjCoordinateSystem('')).toHaveProperty('problem')
  })
})
