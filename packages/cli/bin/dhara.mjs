#!/usr/bin/env node
// The dhara command. Dhara's packages ship TypeScript sources (see the README, "Just-in-time packages"), so the
// command registers tsx's loader before it imports its own entry and the user's job modules.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
