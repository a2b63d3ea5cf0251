import type { Command } from 'commander';
import { ApiClient } from './api/client';
import { resolveConnection } from './config/connection';
import type { CliIo } from './io';
import { Output } from './output/output';

interface GlobalOptions {
  json?: boolean;
  profile?: string;
}

/** What every command gets: the process streams, and the API and output its global options select. */
export class CommandContext {
  constructor(readonly io: CliIo) {}

  async api(command: Command): Promise<ApiClient> {
    const { profile } = command.optsWithGlobals<GlobalOptions>();
    return new ApiClient(await resolveConnection(this.io.env, profile));
  }

  output(command: Command): Output {
    return new Output(this.io, command.optsWithGlobals<GlobalOptions>().json === true);
  }

  profileName(command: Command): string | undefined {
    return command.optsWithGlobals<GlobalOptions>().profile;
  }
}
