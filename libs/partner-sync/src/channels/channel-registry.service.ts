import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ConfigError, type AppConfig, type EnvReader } from '@tradefloor/core';
import { assertTimeZone } from '../engine/quota-reset';
import type { Channel } from './channel.types';
import { CHANNELS } from './registry';

/**
 * Reads every channel's own variables with core's rules (a bad value is a ConfigError naming it)
 * and checks what the channels declare. Called at start-up, before anything else runs.
 */
export function loadChannelConfigs(env: EnvReader): Map<string, unknown> {
  const platforms = new Map<string, unknown>();
  for (const channel of CHANNELS) {
    platforms.set(channel.name, channel.config.load(env));
    if (channel.kind === 'push' && channel.quota) {
      try {
        assertTimeZone(channel.quota.resetTimeZone);
      } catch {
        throw new ConfigError(channel.name, `declares an unknown quota time zone "${channel.quota.resetTimeZone}"`);
      }
    }
  }
  return platforms;
}

/** Validates the channels' variables: the process stops (exit 78) before start-up on a bad one. */
export function validateChannelConfig(config: Pick<AppConfig, 'env'>): void {
  loadChannelConfigs(config.env);
}

/** The registered channels with their loaded configuration. */
@Injectable()
export class ChannelRegistry {
  private readonly platforms: Map<string, unknown>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.platforms = loadChannelConfigs(config.env);
  }

  /** The channel's own configuration, as its `config.load` returned it. */
  platform<C>(channel: Channel | { name: string }): C {
    return this.platforms.get(channel.name) as C;
  }
}
