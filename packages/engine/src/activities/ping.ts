export interface PingActivities {
  ping(name: string): Promise<string>;
}

export function createPingActivities(): PingActivities {
  return {
    ping: (name) => Promise.resolve(`pong: ${name}`),
  };
}
