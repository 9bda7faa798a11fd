import { describe, expect, it } from 'vitest'
import {
  classifyWalkWay,
  compoundCandidateKind,
  facilityKindOf,
  isOpenToWalkers,
  isPointOfInterest,
  isTaggedStructure,
  walkableOsmHighways,
} from '../../../server/geo/osm-walk-rules.ts'
import { isWalkable } from '../../../server/geo/walk-rules.ts'
import { geodesicDistanceM } from '../../../server/geo/geodesic-length.ts'

describe('walkable highway classes', () => {
  it('are all walkable for the coverage engine too', () => {
    for (const highway of walkableOsmHighways) expect(isWalkable(highway), highway).toBe(true)
  })

  it('keep streets, footways, steps and cycleways; leave out expressways, platforms and roads under construction', () => {
    for (const highway of ['residential', 'service', 'footway', 'steps', 'cycleway', 'pedestrian', 'living_street', 'primary'])
      expect(classifyWalkWay({ highway })?.highway, highway).toBe(highway)
    for (const highway of ['motorway', 'motorway_link', 'trunk', 'trunk_link', 'construction', 'platform', 'bus_stop', 'proposed'])
      expect(classifyWalkWay({ highway }), highway).toBeUndefined()
    expect(classifyWalkWay({ building: 'yes' })).toBeUndefined()
  })

  it('do not open an expressway to walkers because of foot=yes or a sidewalk tag', () => {
    expect(classifyWalkWay({ highway: 'trunk', foot: 'yes' })).toBeUndefined()
    expect(classifyWalkWay({ highway: 'trunk', sidewalk: 'both' })).toBeUndefined()
  })
})

describe('access tags', () => {
  it('close a way with foot=no, or access=no|private unless foot opens it', () => {
    expect(isOpenToWalkers({ foot: 'no' })).toBe(false)
    expect(isOpenToWalkers({ access: 'yes', foot: 'no' })).toBe(false)
    expect(isOpenToWalkers({ foot: 'use_sidepath' })).toBe(false)
    expect(isOpenToWalkers({ access: 'no' })).toBe(false)
    expect(isOpenToWalkers({ access: 'private' })).toBe(false)
    for (const foot of ['yes', 'designated', 'permissive']) expect(isOpenToWalkers({ access: 'private', foot }), foot).toBe(true)
    for (const access of ['permissive', 'destination', 'customers', 'yes']) expect(isOpenToWalkers({ access }), access).toBe(true)
  })

  it('are kept on the edge: foot first, then access', () => {
    expect(classifyWalkWay({ highway: 'service', access: 'permissive' })?.access).toBe('permissive')
    expect(classifyWalkWay({ highway: 'service', access: 'private', foot: 'yes' })?.access).toBe('yes')
    expect(classifyWalkWay({ highway: 'service' })?.access).toBe('')
  })
})

describe('other way attributes', () => {
  it('keep bridges and tunnels of any kind but "no"', () => {
    expect(classifyWalkWay({ highway: 'footway', bridge: 'viaduct' })).toMatchObject({ bridge: true, tunnel: false })
    expect(classifyWalkWay({ highway: 'footway', tunnel: 'building_passage' })).toMatchObject({ bridge: false, tunnel: true })
    expect(classifyWalkWay({ highway: 'footway', bridge: 'no' })?.bridge).toBe(false)
    expect(isTaggedStructure(undefined)).toBe(false)
  })

  it('keep pedestrian areas (their outline) and roads whatever their sidewalk tags', () => {
    expect(classifyWalkWay({ highway: 'pedestrian', area: 'yes' })?.highway).toBe('pedestrian')
    expect(classifyWalkWay({ highway: 'residential', sidewalk: 'no' })?.highway).toBe('residential')
    expect(classifyWalkWay({ highway: 'secondary', sidewalk: 'separate' })?.highway).toBe('secondary')
  })

  it('name an edge by name, then name:zh, then ref', () => {
    expect(classifyWalkWay({ highway: 'primary', name: '中关村大街', ref: 'S1' })?.name).toBe('中关村大街')
    expect(classifyWalkWay({ highway: 'primary', 'name:zh': '成府路' })?.name).toBe('成府路')
    expect(classifyWalkWay({ highway: 'primary', ref: 'G4' })?.name).toBe('G4')
  })
})

describe('facility kinds', () => {
  it('come only from tags that state them', () => {
    expect(facilityKindOf({ amenity: 'nursing_home' })).toBe('elderly_institution')
    expect(facilityKindOf({ amenity: 'social_facility', social_facility: 'nursing_home' })).toBe('elderly_institution')
    expect(facilityKindOf({ amenity: 'social_facility', social_facility: 'assisted_living' })).toBe('elderly_institution')
    expect(facilityKindOf({ amenity: 'social_facility', social_facility: 'group_home', 'social_facility:for': 'senior' })).toBe('elderly_institution')
    expect(facilityKindOf({ amenity: 'social_facility', social_facility: 'group_home', 'social_facility:for': 'disabled' })).toBeUndefined()
    expect(facilityKindOf({ amenity: 'social_facility', social_facility: 'day_care', 'social_facility:for': 'senior;disabled' })).toBe('day_care')
    expect(facilityKindOf({ amenity: 'social_facility', social_facility: 'day_care' })).toBeUndefined()
    expect(facilityKindOf({ amenity: 'community_centre' })).toBe('community_service')
    expect(facilityKindOf({ amenity: 'hospital', name: '养老院' })).toBeUndefined()
    expect(facilityKindOf({ social_facility: 'nursing_home' })).toBeUndefined()
  })

  it('count amenities, shops and offices as points of interest, not bare nodes', () => {
    expect(isPointOfInterest({ amenity: 'bank' })).toBe(true)
    expect(isPointOfInterest({ shop: 'supermarket' })).toBe(true)
    expect(isPointOfInterest({ highway: 'traffic_signals' })).toBe(false)
  })
})

describe('candidate compounds', () => {
  it('are closed residential landuse or building outlines', () => {
    expect(compoundCandidateKind({ landuse: 'residential' }, true)).toBe('residential_landuse')
    expect(compoundCandidateKind({ building: 'apartments' }, true)).toBe('building')
    expect(compoundCandidateKind({ building: 'yes' }, false)).toBeUndefined()
    expect(compoundCandidateKind({ building: 'no' }, true)).toBeUndefined()
    expect(compoundCandidateKind({ landuse: 'commercial' }, true)).toBeUndefined()
  })
})

describe('geodesic length', () => {
  it('matches the WGS84 ellipsoid: one degree along the equator and along a meridian', () => {
    expect(geodesicDistanceM(0, 0, 1, 0)).toBeCloseTo(111319.491, 2)
    expect(geodesicDistanceM(0, 0, 0, 1)).toBeCloseTo(110574.389, 2)
    expect(geodesicDistanceM(116.3, 40, 116.3, 40)).toBe(0)
  })
})
