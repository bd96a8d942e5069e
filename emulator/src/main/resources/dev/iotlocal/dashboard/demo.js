// The seed's browser client. Served by iotlocal; the same code works against AWS with the API's URL.
(function () {
  const params = new URLSearchParams(location.search);
  const stage = params.get('stage') || document.documentElement.dataset.stage || 'dev';
  const prefix = params.get('prefix') || 'foobar';
  const status = document.getElementById('status');
  const log = document.getElementById('log');
  const button = document.getElementById('ping');
  let client, channelId, sentAt, pongs = 0;

  function note(text) {
    const item = document.createElement('li');
    item.textContent = text;
    log.appendChild(item);
  }

  function say(text) {
    status.textContent = text;
  }

  function ping() {
    sentAt = performance.now();
    client.publish(`${prefix}/${channelId}/request`, JSON.stringify({ message: 'PING' }), { qos: 1 });
  }

  async function start() {
    const response = await fetch(`/${stage}/`);
    if (!response.ok) {
      say(`session request failed: HTTP ${response.status}`);
      return;
    }
    const session = await response.json();
    channelId = session.channelId;
    note(`session ${channelId}`);
    client = mqtt.connect(session.endpointUrl, { clientId: `browser-${channelId}`, protocolVersion: 4, reconnectPeriod: 0 });
    client.on('close', () => say(pongs ? `disconnected after ${pongs} PONG` : 'disconnected'));
    client.on('error', error => say(`MQTT error: ${error.message}`));
    client.on('connect', () => {
      say('connected; waiting for the function');
      client.subscribe(`${prefix}/${channelId}/response`, { qos: 1 }, () => {
        client.publish(`${prefix}/session`, JSON.stringify({ channelId }), { qos: 1 });
      });
    });
    client.on('message', (topic, payload) => {
      const message = JSON.parse(payload.toString());
      if (message.status === 'ready') {
        note('function ready');
        button.disabled = false;
        ping();
      } else if (message.message === 'PONG') {
        pongs++;
        const millis = Math.round(performance.now() - sentAt);
        note(`PONG in ${millis} ms`);
        say(`PONG received (${pongs})`);
      } else {
        note(`${topic}: ${payload}`);
      }
    });
  }

  button.addEventListener('click', ping);
  start().catch(error => say(`failed: ${error.message}`));
})();
