import 'maplibre-gl/dist/maplibre-gl.css'
import './app.css'
import { mount } from 'svelte'
import Root from './Root.svelte'
import { configureMapLibreWorker } from './map/maplibre-worker.ts'

configureMapLibreWorker()

const target = document.getElementById('app')
if (!target) throw new Error('index.html has no #app element')

mount(Root, { target })
