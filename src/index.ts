import { attachPlugin } from './attach';
import { awsPlugin, settingsPlugin, statusPlugin } from './aws/plugin';
import { computePlugin } from './compute';
import { dataPlugin } from './data';
import { endpointsPlugin } from './endpoints';
import { sidebarPlugin } from './sidebar/plugin';
import { trainingPlugin } from './training';

export default [
  statusPlugin,
  settingsPlugin,
  awsPlugin,
  sidebarPlugin,
  computePlugin,
  attachPlugin,
  dataPlugin,
  trainingPlugin,
  endpointsPlugin
];
