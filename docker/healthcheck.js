// Docker HEALTHCHECK for both roles, in node because slim images have no curl.
//   server: GET /healthz answers 200.
//   worker: with HOOKFLOW_WORKER_METRICS_PORT, GET /healthz there answers 200 (its pollers are polling);
//           without it (no HTTP port at all), Temporal accepts connections (without them it can do no work).
// The role is the first argument, else the container's command: PID 1 is `tini -- entrypoint.sh <role>`.
'use strict';
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');

const TIMEOUT_MS = 4000;

function containerRole() {
  if (process.argv[2]) return process.argv[2];
  try {
    return fs.readFileSync('/proc/1/cmdline', 'utf8').split('\0').includes('worker') ? 'worker' : 'server';
  } catch {
    return 'server';
  }
}

function done(ok, message) {
  if (!ok) console.error(message);
  process.exit(ok ? 0 : 1);
}

function checkHealthz(host, port) {
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/healthz`;
  const request = http.get(url, { timeout: TIMEOUT_MS }, (response) => {
    response.resume();
    done(response.statusCode === 200, `GET ${url} answered ${response.statusCode}`);
  });
  request.on('timeout', () => request.destroy(new Error('timed out')));
  request.on('error', (error) => done(false, `GET ${url} failed: ${error.message}`));
}

function checkServer() {
  checkHealthz('127.0.0.1', Number(process.env.HOOKFLOW_PORT || 3000));
}

// The metrics listener binds HOOKFLOW_METRICS_HOST (loopback by default); a wildcard is reached on loopback.
function metricsHost() {
  const host = (process.env.HOOKFLOW_METRICS_HOST || '').trim();
  return !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
}

function checkWorker() {
  const metricsPort = (process.env.HOOKFLOW_WORKER_METRICS_PORT || '').trim();
  if (metricsPort) {
    checkHealthz(metricsHost(), Number(metricsPort));
    return;
  }
  const address = process.env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  const separator = address.lastIndexOf(':');
  const socket = net.connect({ host: address.slice(0, separator), port: Number(address.slice(separator + 1)) });
  socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error('timed out')));
  socket.on('connect', () => {
    socket.end();
    done(true);
  });
  socket.on('error', (error) => done(false, `Temporal at ${address} is not reachable: ${error.message}`));
}

if (containerRole() === 'worker') checkWorker();
else checkServer();
